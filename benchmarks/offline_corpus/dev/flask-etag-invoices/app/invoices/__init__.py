"""Invoices API.

    flask --app invoices create-user alice
    flask --app invoices run

Configuration: the mapping passed to `create_app`, else `INVOICES_DATABASE` from the environment.
"""

import os
from datetime import datetime, timezone

from flask import Flask, jsonify


def utcnow():
    return datetime.now(timezone.utc)


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(
        DATABASE=os.environ.get("INVOICES_DATABASE", "invoices.sqlite"),
        CLOCK=utcnow,
    )
    if config:
        app.config.update(config)

    from . import api, auth, db

    db.init_app(app)
    auth.init_app(app)
    app.register_blueprint(api.bp)

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        return jsonify(error="method not allowed"), 405

    return app
