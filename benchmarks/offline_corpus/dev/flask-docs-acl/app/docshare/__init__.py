"""docshare: team documents with owners, shares, versions and an audit trail."""

import os
from datetime import datetime, timezone

import click
from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from .extensions import db
from .models import ROLES, User


def utcnow():
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("DOCSHARE_SECRET_KEY", "dev"),
        SQLALCHEMY_DATABASE_URI=os.environ.get(
            "DOCSHARE_DATABASE_URL", "sqlite:///" + os.path.join(app.instance_path, "docshare.sqlite")
        ),
        PASSWORD_HASH_METHOD="scrypt",
        CLOCK=utcnow,
    )
    if config:
        app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)

    db.init_app(app)

    from . import auth, documents

    app.register_blueprint(auth.bp)
    app.register_blueprint(documents.bp)

    @app.errorhandler(HTTPException)
    def json_error(exc):
        response = jsonify(error=exc.description)
        response.status_code = exc.code
        return response

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--password", prompt=True, hide_input=True)
    @click.option("--role", type=click.Choice(ROLES), default="reader", show_default=True)
    def create_user(username, password, role):
        """Create an account (editors may create documents)."""
        if User.query.filter_by(username=username).first():
            raise click.ClickException(f"user {username} exists")
        user = User(username=username, role=role)
        user.set_password(password, app.config["PASSWORD_HASH_METHOD"])
        db.session.add(user)
        db.session.commit()
        click.echo(f"created {role} {username}")

    with app.app_context():
        db.create_all()

    return app
