import click
from flask import Flask, g
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from .models import Base


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="change-me", DATABASE_URL="sqlite:///pastebin.db", MAX_PASTE_BYTES=10_000)
    app.config.from_prefixed_env("PASTEBIN")
    if config:
        app.config.update(config)

    engine = create_engine(app.config["DATABASE_URL"])
    app.extensions["engine"] = engine

    @app.teardown_appcontext
    def close_session(exc):
        session = g.pop("db", None)
        if session is not None:
            session.close()

    @app.cli.command("init-db")
    def init_db():
        """Create the tables."""
        Base.metadata.create_all(engine)
        click.echo("Created the tables.")

    from . import views

    app.register_blueprint(views.bp)
    return app


def db() -> Session:
    from flask import current_app

    if "db" not in g:
        g.db = Session(current_app.extensions["engine"])
    return g.db
