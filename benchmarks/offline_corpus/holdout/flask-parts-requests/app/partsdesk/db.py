import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext

SCHEMA = """
DROP TABLE IF EXISTS users;
DROP TABLE IF EXISTS parts;
DROP TABLE IF EXISTS requests;
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
                    role TEXT NOT NULL DEFAULT 'technician');
CREATE TABLE parts (sku TEXT PRIMARY KEY, name TEXT NOT NULL, stock INTEGER NOT NULL);
CREATE TABLE requests (id INTEGER PRIMARY KEY, technician_id INTEGER NOT NULL REFERENCES users (id),
                       sku TEXT NOT NULL REFERENCES parts (sku), quantity INTEGER NOT NULL,
                       note TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'draft');
"""


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data and create new tables."""
    get_db().executescript(SCHEMA)
    click.echo("Initialized the database.")


@click.command("promote")
@click.argument("username")
@with_appcontext
def promote_command(username):
    """Make a user a storekeeper."""
    db = get_db()
    if db.execute("UPDATE users SET role = 'storekeeper' WHERE username = ?", (username,)).rowcount == 0:
        raise click.ClickException(f"no user named {username}")
    db.commit()
    click.echo(f"{username} is now a storekeeper.")
