import hashlib
import secrets
import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
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


def hash_key(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


def create_user(name: str, manager: str | None = None) -> str:
    """Add a user (optionally reporting to ``manager``) and return their new API key, shown only once."""
    db = get_db()
    manager_id = None
    if manager is not None:
        row = db.execute("SELECT id FROM users WHERE name = ?", (manager,)).fetchone()
        if row is None:
            raise ValueError(f"no such manager: {manager}")
        manager_id = row["id"]
    api_key = secrets.token_urlsafe(24)
    db.execute(
        "INSERT INTO users (name, api_key_hash, manager_id) VALUES (?, ?, ?)", (name, hash_key(api_key), manager_id)
    )
    db.commit()
    return api_key


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data and create new tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("create-user")
@click.argument("name")
@click.option("--manager", default=None, help="Name of the user's manager.")
@with_appcontext
def create_user_command(name, manager):
    """Create a user and print their API key."""
    try:
        api_key = create_user(name, manager)
    except ValueError as error:
        raise click.ClickException(str(error))
    except sqlite3.IntegrityError:
        raise click.ClickException(f"user {name} already exists")
    click.echo(api_key)


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(create_user_command)
