import os

from flask import Flask

from .extensions import db, login_manager


def create_app(test_config=None):
    """Create and configure the wiki.

    Configuration comes from `test_config` when given, otherwise from `WIKI_*` environment variables
    (`WIKI_SECRET_KEY`, `WIKI_SQLALCHEMY_DATABASE_URI`, ...). The database lives in the instance folder by default;
    create its tables with `flask --app wiki init-db`.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "wiki.sqlite"),
        PAGES_PER_PAGE=20,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config is None:
        app.config.from_prefixed_env("WIKI")
    else:
        app.config.update(test_config)

    try:
        os.makedirs(app.instance_path, exist_ok=True)
    except OSError:
        pass

    db.init_app(app)
    login_manager.init_app(app)

    from . import auth, commands, pages

    app.register_blueprint(auth.bp)
    app.register_blueprint(pages.bp)
    commands.init_app(app)

    return app
