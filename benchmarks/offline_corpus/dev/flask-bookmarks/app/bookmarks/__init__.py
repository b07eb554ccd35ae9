import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "bookmarks.sqlite"),
        BOOKMARKS_PER_PAGE=20,
        BOOKMARKS_MAX_PER_PAGE=100,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    from . import auth, db, links

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(links.bp)

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = jsonify(error=error.description)
        response.status_code = error.code
        return response

    return app
