"""Repair quotes for bike workshops."""

import os
from datetime import UTC, datetime

from flask import Flask, jsonify

from repairs.models import db


def _utcnow() -> datetime:
    return datetime.now(UTC)


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("REPAIRS_SECRET_KEY"),
        SQLALCHEMY_DATABASE_URI=os.environ.get("REPAIRS_DATABASE_URL", "sqlite:///repairs.sqlite"),
        VAT_BASIS_POINTS=int(os.environ.get("REPAIRS_VAT_BASIS_POINTS", "2000")),
        QUOTE_VALID_DAYS=int(os.environ.get("REPAIRS_QUOTE_VALID_DAYS", "14")),
        PUBLIC_BASE_URL=os.environ.get("REPAIRS_PUBLIC_BASE_URL", "http://localhost:5000"),
        PER_PAGE=10,
        MAX_PER_PAGE=50,
        CLOCK=_utcnow,
        PASSWORD_HASH_METHOD="scrypt",
    )
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("set REPAIRS_SECRET_KEY (sessions are signed with it)")

    db.init_app(app)
    with app.app_context():
        db.create_all()

    from repairs import auth, cli, public, quotes

    app.register_blueprint(auth.bp)
    app.register_blueprint(quotes.bp)
    app.register_blueprint(public.bp)
    cli.register(app)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        return jsonify(error="method not allowed"), 405

    return app
