from datetime import datetime, timezone

from flask import Flask, jsonify

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///gymclasses.sqlite",
        STAFF_TOKEN="change-me",
        CANCEL_WINDOW_HOURS=12,
        LATE_REFUND_SHARE="0.5",
        CLOCK=utcnow,
    )
    if test_config is None:
        app.config.from_prefixed_env("GYM")
    else:
        app.config.from_mapping(test_config)

    db.init_app(app)

    from .bookings import bp as bookings_bp
    from .classes import bp as classes_bp
    from .members import bp as members_bp

    app.register_blueprint(classes_bp)
    app.register_blueprint(members_bp)
    app.register_blueprint(bookings_bp)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error=error.description), 404

    with app.app_context():
        db.create_all()
    return app
