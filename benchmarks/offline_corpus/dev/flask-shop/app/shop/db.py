import sqlite3

import click
from flask import current_app, g
from flask.cli import with_appcontext

# The catalogue a fresh shop starts with: (name, description, price in cents, stock).
STARTER_PRODUCTS = [
    ("Espresso beans, 1 kg", "Medium roast, chocolate and hazelnut.", 2450, 12),
    ("Pour-over kettle", "0.9 l gooseneck, stovetop.", 5900, 3),
    ("Paper filters (100)", "Size 02 cone filters.", 405, 40),
    ("Ceramic mug", "330 ml, dishwasher safe.", 1200, 0),
]


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
    """Drop and recreate every table, then stock the starter catalogue."""
    db = get_db()
    with current_app.open_resource("schema.sql") as f:
        db.executescript(f.read().decode("utf8"))
    db.executemany(
        "INSERT INTO product (name, description, price_cents, stock) VALUES (?, ?, ?, ?)",
        STARTER_PRODUCTS,
    )
    db.commit()


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Clear the existing data, create new tables and add the starter products."""
    init_db()
    click.echo(f"Initialized the database with {len(STARTER_PRODUCTS)} products.")


def init_app(app):
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
