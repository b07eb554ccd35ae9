from datetime import datetime, timezone

from flask import Flask, jsonify

from .models import db


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev",
        SQLALCHEMY_DATABASE_URI="sqlite:///tenants.db",
        CLOCK=utcnow,
        PROJECT_LIMIT=20,
        PASSWORD_HASH_METHOD="scrypt",
    )
    app.config.from_prefixed_env("TENANTS")
    if config:
        app.config.update(config)

    db.init_app(app)

    from .auth import bp as auth_bp
    from .workspaces import bp as workspaces_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(workspaces_bp)

    @app.errorhandler(400)
    @app.errorhandler(401)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(409)
    @app.errorhandler(410)
    def json_error(error):
        return jsonify(error=error.description), error.code

    with app.app_context():
        db.create_all()

    return app
