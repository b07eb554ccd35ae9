"""Gift cards for small merchants."""

from __future__ import annotations

import os
from datetime import datetime, timezone

from flask import Flask, jsonify

from giftcards import auth, cards, db
from giftcards.mail import LogMailer


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("GIFTCARDS_SECRET_KEY", "dev"),
        DATABASE=os.environ.get("GIFTCARDS_DATABASE", os.path.join(app.instance_path, "giftcards.sqlite")),
        BASE_URL=os.environ.get("GIFTCARDS_BASE_URL", "http://localhost:5000"),
        SIGN_IN_LINK_MINUTES=15,
        CLOCK=utcnow,
        MAILER=LogMailer(),
    )
    if config:
        app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(cards.bp)

    @app.errorhandler(404)
    def not_found(exc):
        return jsonify(error="not found"), 404

    @app.errorhandler(405)
    def not_allowed(exc):
        return jsonify(error="method not allowed"), 405

    return app
