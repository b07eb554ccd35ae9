import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(exc=None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db() -> None:
    db = get_db()
    with current_app.open_resource("schema.sql") as f:
        db.executescript(f.read().decode("utf8"))


def create_merchant(name: str, email: str) -> int:
    db = get_db()
    cur = db.execute("INSERT INTO merchants (name, email) VALUES (?, ?)", (name, email.strip().lower()))
    db.commit()
    return cur.lastrowid


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Drop and recreate the tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("add-merchant")
@with_appcontext
@click.argument("name")
@click.argument("email")
def add_merchant_command(name: str, email: str) -> None:
    merchant_id = create_merchant(name, email)
    click.echo(f"Merchant {merchant_id} added.")


def init_app(app) -> None:
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(add_merchant_command)
