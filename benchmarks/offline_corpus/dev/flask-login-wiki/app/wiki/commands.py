import click
from flask.cli import with_appcontext
from sqlalchemy import select

from .extensions import db
from .models import User


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the tables (existing data is kept)."""
    db.create_all()
    click.echo("Initialized the database.")


@click.command("make-admin")
@click.argument("username")
@with_appcontext
def make_admin_command(username):
    """Give USERNAME the right to delete any page."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"no user named {username!r}")
    user.is_admin = True
    db.session.commit()
    click.echo(f"{username} is now an admin.")


def init_app(app):
    app.cli.add_command(init_db_command)
    app.cli.add_command(make_admin_command)
