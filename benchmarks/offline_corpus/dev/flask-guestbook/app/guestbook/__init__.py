import os
import sqlite3

from flask import Flask, g

from .views import bp


def create_app(**overrides):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("GUESTBOOK_SECRET_KEY", "dev"),
        DATABASE=os.environ.get("GUESTBOOK_DATABASE", "guestbook.sqlite3"),
        ADMIN_PASSWORD=os.environ.get("GUESTBOOK_ADMIN_PASSWORD"),
        PER_PAGE=5,
    )
    app.config.update(overrides)

    with sqlite3.connect(app.config["DATABASE"]) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS entries ("
            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            " name TEXT NOT NULL,"
            " message TEXT NOT NULL,"
            " rating INTEGER NOT NULL,"
            " hidden INTEGER NOT NULL DEFAULT 0)"
        )

    @app.teardown_appcontext
    def close(exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    app.register_blueprint(bp)
    return app
