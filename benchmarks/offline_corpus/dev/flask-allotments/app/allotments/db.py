import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext
from werkzeug.security import generate_password_hash


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"], detect_types=sqlite3.PARSE_DECLTYPES)
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(e=None):
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db():
    db = get_db()
    with current_app.open_resource("schema.sql") as f:
        db.executescript(f.read().decode("utf8"))


def create_user(username, password, secretary=False):
    db = get_db()
    cursor = db.execute(
        "INSERT INTO user (username, password, is_secretary) VALUES (?, ?, ?)",
        (username.strip().lower(), generate_password_hash(password, current_app.config["PASSWORD_HASH_METHOD"]), int(secretary)),
    )
    db.commit()
    return cursor.lastrowid


def add_plot(name, size_sqm):
    db = get_db()
    cursor = db.execute("INSERT INTO plot (name, size_sqm) VALUES (?, ?)", (name, str(size_sqm)))
    db.commit()
    return cursor.lastrowid


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data and create new tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("add-user")
@click.argument("username")
@click.password_option()
@click.option("--secretary", is_flag=True)
@with_appcontext
def add_user_command(username, password, secretary):
    """Add a society member who can sign in."""
    create_user(username, password, secretary)
    click.echo(f"Added {username.lower()}.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(add_user_command)
