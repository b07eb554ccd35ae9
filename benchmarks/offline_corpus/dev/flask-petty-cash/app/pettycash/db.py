import sqlite3

import click
from flask import current_app, g
from werkzeug.security import generate_password_hash


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


def create_user(username, password, role="member"):
    if role not in ("member", "approver"):
        raise ValueError(f"unknown role {role!r}")
    hashed = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
    db = get_db()
    cur = db.execute("INSERT INTO user (username, password, role) VALUES (?, ?, ?)", (username, hashed, role))
    db.commit()
    return cur.lastrowid


@click.command("init-db")
def init_db_command():
    """Clear the existing data and create new tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("create-user")
@click.argument("username")
@click.argument("password")
@click.option("--role", default="member", type=click.Choice(["member", "approver"]))
def create_user_command(username, password, role):
    create_user(username, password, role)
    click.echo(f"Created {role} {username}.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(create_user_command)
