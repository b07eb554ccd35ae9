import click
from flask import current_app
from werkzeug.security import generate_password_hash

from repairs.models import Shop, Staff, db


def add_staff(shop_name: str, email: str, password: str, *, owner: bool = False) -> Staff:
    shop = db.session.execute(db.select(Shop).filter_by(name=shop_name)).scalar_one_or_none()
    if shop is None:
        shop = Shop(name=shop_name)
        db.session.add(shop)
        db.session.flush()
    password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])
    staff = Staff(shop_id=shop.id, email=email.strip().lower(), password_hash=password_hash, is_owner=owner)
    db.session.add(staff)
    db.session.commit()
    return staff


def register(app):
    @app.cli.command("add-staff")
    @click.argument("shop")
    @click.argument("email")
    @click.option("--owner", is_flag=True, help="The shop owner may delete anyone's drafts.")
    @click.password_option()
    def add_staff_command(shop, email, owner, password):
        """Add a staff member to SHOP (created if new)."""
        staff = add_staff(shop, email, password, owner=owner)
        click.echo(f"added {staff.email} to {shop}")
