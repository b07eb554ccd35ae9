import sqlite3
from datetime import datetime, timezone

import click
from flask import current_app, g
from flask.cli import with_appcontext

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def now():
    """The current UTC time as stored in the database."""
    return datetime.now(timezone.utc).strftime(TIME_FORMAT)


def parse_time(text):
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=timezone.utc)


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
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


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data and create new tables."""
    init_db()
    click.echo("Initialized the database.")


@click.command("make-moderator")
@click.argument("username")
@click.option("--revoke", is_flag=True, help="Take the moderator flag away instead.")
@with_appcontext
def make_moderator_command(username, revoke):
    """Give USERNAME the moderator flag (lock and unlock threads, create boards)."""
    db = get_db()
    cursor = db.execute("UPDATE user SET is_moderator = ? WHERE username = ?", (0 if revoke else 1, username))
    if cursor.rowcount == 0:
        raise click.ClickException(f"No user named {username!r}.")
    db.commit()
    click.echo(f"{username} is {'no longer' if revoke else 'now'} a moderator.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(make_moderator_command)
