import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .extensions import db, login_manager


def create_app(test_config=None):
    """Create the polls API.

    Settings come from `test_config` when given, otherwise from `POLLS_*` environment variables (`POLLS_SECRET_KEY`,
    `POLLS_SQLALCHEMY_DATABASE_URI`, ...). Tables are created on start-up if they do not exist.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "polls.sqlite"),
        POLLS_PER_PAGE=10,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_prefixed_env("POLLS")
    else:
        app.config.update(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    login_manager.init_app(app)

    from . import auth, models, polls  # noqa: F401  (models registers the tables)

    app.register_blueprint(auth.bp)
    app.register_blueprint(polls.bp)

    @app.errorhandler(HTTPException)
    def json_error(error):
        return jsonify(error=error.description), error.code

    with app.app_context():
        db.create_all()

    return app
