import os
from datetime import date

import click
from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .models import add_api_key, db


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "coupons.sqlite"),
        CLOCK=date.today,
        MAX_PER_PAGE=50,
    )
    if test_config is None:
        app.config.from_prefixed_env("COUPONS")
    else:
        app.config.from_mapping(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    from .api import bp

    app.register_blueprint(bp)

    @app.errorhandler(HTTPException)
    def json_error(exc):
        return jsonify(error=exc.description), exc.code

    @app.cli.command("add-key")
    @click.argument("merchant")
    @click.option("--role", type=click.Choice(["staff", "manager"]), default="staff")
    def add_key_command(merchant, role):
        """Create an API key for MERCHANT and print it."""
        click.echo(add_api_key(merchant, role))

    return app
