import os

from flask import Flask


def create_app(test_config=None):
    """Application factory.

    Settings come from the defaults below, then from ``READINGLIST_*`` environment variables
    (``READINGLIST_MAX_READING=2``, ``READINGLIST_SECRET_KEY=...``), then from ``test_config``.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "readinglist.sqlite"),
        MAX_READING=3,
        MAX_PAGES=5000,
    )
    app.config.from_prefixed_env("READINGLIST")
    if test_config is not None:
        app.config.update(test_config)

    os.makedirs(app.instance_path, exist_ok=True)

    from readinglist import auth, books, db

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(books.bp)
    app.add_url_rule("/", endpoint="index")
    return app
