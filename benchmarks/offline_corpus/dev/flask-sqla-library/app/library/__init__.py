"""Lending library API.

    flask --app library run

Configuration comes from the mapping passed to `create_app`, then from `LIBRARY_*` environment variables
(`LIBRARY_SECRET_KEY`, `LIBRARY_DATABASE_URI`).
"""

import os
from datetime import datetime, timezone
from decimal import Decimal

from flask import Flask, jsonify

from .extensions import db


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


DEFAULTS = {
    "SECRET_KEY": "dev",
    "SQLALCHEMY_DATABASE_URI": "sqlite:///library.sqlite",
    "TOKEN_MAX_AGE": 8 * 3600,
    "LOAN_DAYS": 14,
    "MAX_OPEN_LOANS": 3,
    "MAX_RENEWALS": 2,
    "FINE_PER_DAY": Decimal("0.50"),
    "CLOCK": utcnow,
}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    if "LIBRARY_SECRET_KEY" in os.environ:
        app.config["SECRET_KEY"] = os.environ["LIBRARY_SECRET_KEY"]
    if "LIBRARY_DATABASE_URI" in os.environ:
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["LIBRARY_DATABASE_URI"]
    if config:
        app.config.update(config)

    db.init_app(app)

    from . import api, auth

    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.errorhandler(405)
    def not_allowed(error):
        return jsonify(error="method not allowed"), 405

    with app.app_context():
        from . import models  # noqa: F401

        db.create_all()

    return app
