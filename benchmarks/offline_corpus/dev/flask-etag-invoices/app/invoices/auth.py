"""HTTP Basic authentication against the users table, and the `create-user` command."""

import functools
import sqlite3

import click
from flask import current_app, g, jsonify, request
from flask.cli import with_appcontext
from werkzeug.security import check_password_hash, generate_password_hash

from .db import connect, get_db


def create_user(conn, username, password, method="scrypt"):
    """Add a user; raises ValueError if the name is taken. Returns the new id."""
    try:
        cur = conn.execute(
            "INSERT INTO users (username, password_hash) VALUES (?, ?)",
            (username, generate_password_hash(password, method=method)),
        )
    except sqlite3.IntegrityError:
        raise ValueError(f"user {username!r} already exists") from None
    conn.commit()
    return cur.lastrowid


def _challenge():
    response = jsonify(error="authentication required")
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Basic realm="invoices"'
    return response


def auth_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        auth = request.authorization
        if auth is None or auth.type != "basic" or not auth.username:
            return _challenge()
        user = get_db().execute("SELECT * FROM users WHERE username = ?", (auth.username,)).fetchone()
        if user is None or not check_password_hash(user["password_hash"], auth.password or ""):
            return _challenge()
        g.user = user
        return view(*args, **kwargs)

    return wrapped


@click.command("create-user")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_user_command(username, password):
    """Create a user who can log in with HTTP Basic auth."""
    username = username.strip()
    if not username:
        raise click.BadParameter("must not be empty", param_hint="USERNAME")
    if len(password) < 8:
        raise click.BadParameter("must be at least 8 characters", param_hint="--password")
    conn = connect(current_app.config["DATABASE"])
    try:
        create_user(conn, username, password)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        conn.close()
    click.echo(f"created user {username}")


def init_app(app):
    app.cli.add_command(create_user_command)
