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


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data and create new tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("make-admin")
@click.argument("username")
@with_appcontext
def make_admin_command(username):
    """Give an existing user the admin role."""
    db = get_db()
    cur = db.execute("UPDATE user SET is_admin = 1 WHERE username = ?", (username,))
    db.commit()
    if cur.rowcount == 0:
        raise click.ClickException(f"No user named {username!r}.")
    click.echo(f"{username} is now an admin.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(make_admin_command)
