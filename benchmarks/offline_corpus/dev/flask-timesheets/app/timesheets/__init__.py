import os

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE=os.path.join(app.instance_path, "timesheets.sqlite"),
        MAX_ENTRY_HOURS=12,
        WEEKLY_CAP_HOURS=40,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from timesheets import db, views

    db.init_app(app)
    views.register(app)

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = jsonify(error=error.description)
        response.status_code = error.code
        return response

    return app
