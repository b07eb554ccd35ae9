import logging
import os
import sqlite3
from datetime import datetime, timezone

from flask import Flask, g

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscribers (
    email TEXT PRIMARY KEY,
    lists TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_at TEXT
);
"""

log = logging.getLogger(__name__)


def log_mail(to: str, subject: str, body: str) -> None:
    log.info("mail to %s: %s\n%s", to, subject, body)


def get_db() -> sqlite3.Connection:
    from flask import current_app

    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(
        DATABASE="newsletter.sqlite",
        SECRET_KEY=os.environ.get("NEWSLETTER_SECRET"),
        ADMIN_KEY=os.environ.get("NEWSLETTER_ADMIN_KEY"),
        CONFIRM_HOURS=48,
        CLOCK=lambda: datetime.now(timezone.utc),
        MAILER=log_mail,
        BASE_URL="http://localhost:5000",
    )
    if config:
        app.config.update(config)
    if not app.config["SECRET_KEY"] or not app.config["ADMIN_KEY"]:
        raise RuntimeError("NEWSLETTER_SECRET and NEWSLETTER_ADMIN_KEY must be set")

    with sqlite3.connect(app.config["DATABASE"]) as conn:
        conn.executescript(SCHEMA)

    @app.teardown_appcontext
    def close_db(exc=None):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    from .views import bp

    app.register_blueprint(bp)
    return app
