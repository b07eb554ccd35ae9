import os
from datetime import datetime, timezone

from flask import Flask


def utcnow():
    return datetime.now(timezone.utc)


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "allotments.sqlite"),
        RENT_PER_SQM="0.45",
        CLOCK=utcnow,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import auth, db, plots

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(plots.bp)
    app.add_url_rule("/", endpoint="index")
    return app
