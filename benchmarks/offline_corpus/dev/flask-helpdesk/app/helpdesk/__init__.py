from datetime import datetime, timezone

import click
from flask import Flask

from .extensions import db
from .models import AGENT, User


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///helpdesk.sqlite",
        MIN_PASSWORD_LENGTH=8,
        PASSWORD_HASH_METHOD="scrypt",
        CLOCK=utcnow,
    )
    if config:
        app.config.update(config)

    db.init_app(app)

    from . import auth, tickets

    app.register_blueprint(auth.bp)
    app.register_blueprint(tickets.bp)

    with app.app_context():
        db.create_all()

    @app.cli.command("add-agent")
    @click.argument("email")
    @click.argument("name")
    @click.password_option()
    def add_agent(email, name, password):
        """Create a support agent account."""
        user = User(email=email.strip().lower(), name=name, role=AGENT)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"Agent {user.email} created.")

    return app
