"""accounts: a small JSON account service built on Flask and sqlite3."""
import sqlite3
import time
from collections.abc import Mapping

from flask import Flask, jsonify

from . import db
from .mail import Outbox

DEFAULTS = {
    "SECRET_KEY": "dev",
    "DATABASE": "accounts.sqlite3",
    "BASE_URL": "http://localhost:5000",
    "MIN_PASSWORD_LENGTH": 10,
    "CONFIRM_MAX_AGE": 60 * 60 * 24,  # seconds
    "RESET_MAX_AGE": 60 * 60,  # seconds
    "MAX_FAILED_LOGINS": 5,
    "LOCKOUT_MINUTES": 15,
    "PASSWORD_HASH_METHOD": "scrypt",
    "CLOCK": time.time,
}


def create_app(config: Mapping | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    if config:
        app.config.from_mapping(config)

    with sqlite3.connect(app.config["DATABASE"]) as conn:
        conn.executescript(db.SCHEMA)
    conn.close()
    app.teardown_appcontext(db.close_db)

    app.outbox = Outbox()

    from .views import bp

    app.register_blueprint(bp)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        return jsonify(error="method not allowed"), 405

    return app
