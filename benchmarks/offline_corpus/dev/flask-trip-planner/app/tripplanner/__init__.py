import os

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "tripplanner.sqlite"),
        MAX_TRIP_DAYS=30,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import auth, db, trips

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(trips.bp)
    return app
