import os
from datetime import timedelta

import click
from flask import Flask, jsonify
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from rsvp.clock import utcnow
from rsvp.extensions import db, jwt


def create_app(test_config=None):
    """Application factory. Reads RSVP_DATABASE_URL and RSVP_JWT_SECRET unless `test_config` sets them."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI=os.environ.get("RSVP_DATABASE_URL", "sqlite:///rsvp.sqlite"),
        JWT_SECRET_KEY=os.environ.get("RSVP_JWT_SECRET"),
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(hours=2),
        CLOCK=utcnow,
    )
    if test_config is not None:
        app.config.update(test_config)
    if not app.config["JWT_SECRET_KEY"]:
        raise RuntimeError("RSVP_JWT_SECRET is not set")

    db.init_app(app)
    jwt.init_app(app)

    from rsvp import auth, events

    app.register_blueprint(auth.bp)
    app.register_blueprint(events.bp)

    @app.errorhandler(ValidationError)
    def validation_failed(error):
        return jsonify(errors=error.messages), 422

    @app.errorhandler(HTTPException)
    def http_error(error):
        return jsonify(error=error.description), error.code

    @app.cli.command("init-db")
    def init_db_command():
        """Create the tables."""
        db.create_all()
        click.echo("Initialized the database.")

    return app
