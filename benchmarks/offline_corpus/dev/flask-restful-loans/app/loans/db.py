import secrets
import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
        g.db.execute("PRAGMA foreign_keys = ON")
    return g.db


def close_db(e=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    with current_app.open_resource("schema.sql") as f:
        db.executescript(f.read().decode("utf8"))


def new_api_key():
    return secrets.token_urlsafe(24)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Drop and recreate all tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("create-librarian")
@click.argument("name")
@click.argument("email")
@with_appcontext
def create_librarian_command(name, email):
    """Add a librarian and print their API key."""
    key = new_api_key()
    db = get_db()
    db.execute(
        "INSERT INTO member (name, email, role, api_key) VALUES (?, ?, 'librarian', ?)",
        (name, email, key),
    )
    db.commit()
    click.echo(key)


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(create_librarian_command)
