import os

from flask import Flask


def create_app(test_config=None):
    """Create and configure the wiki application."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "wiki.sqlite"),
        SEARCH_LIMIT=50,
    )

    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    from . import db

    db.init_app(app)

    from . import auth, pages

    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    app.add_url_rule("/", endpoint="index")

    return app
