import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException


def create_app(test_config=None):
    """Create and configure the recipes API."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "recipes.sqlite"),
        # werkzeug's default; tests use a cheap pbkdf2 so they stay fast.
        PASSWORD_HASH_METHOD="scrypt",
    )

    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    from . import db

    db.init_app(app)

    from . import auth, recipes

    app.register_blueprint(auth.bp)
    app.register_blueprint(recipes.bp)

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = jsonify(error=error.description)
        response.status_code = error.code
        if error.code == 401:
            response.headers["WWW-Authenticate"] = 'Basic realm="recipes"'
        return response

    return app
