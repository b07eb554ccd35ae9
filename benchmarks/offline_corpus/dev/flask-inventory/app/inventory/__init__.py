import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException


def create_app(test_config=None):
    """Application factory.

    Settings come from `app.config`: `DATABASE` (a SQLite file, by default in the instance folder) and `API_KEY`
    (the key clients send in `X-API-Key` to change stock). Both can be set with `FLASK_`-prefixed environment
    variables or with `test_config`.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "inventory.sqlite"),
        API_KEY=None,
    )
    app.config.from_prefixed_env()
    if test_config is not None:
        app.config.from_mapping(test_config)

    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)

    from . import db

    db.init_app(app)

    from .api import bp

    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = jsonify(error=error.name, message=error.description)
        response.status_code = error.code
        return response

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
