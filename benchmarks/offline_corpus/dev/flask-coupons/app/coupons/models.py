import hashlib
import secrets
from datetime import date

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()


class ApiKey(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(unique=True)
    merchant: Mapped[str]
    role: Mapped[str]


class Coupon(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    merchant: Mapped[str] = mapped_column(index=True)
    code: Mapped[str]
    kind: Mapped[str]
    value_cents: Mapped[int]
    min_order_cents: Mapped[int] = mapped_column(default=0)
    expires_on: Mapped[date]
    max_redemptions: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)

    __table_args__ = (db.UniqueConstraint("merchant", "code"),)


class Redemption(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    coupon_id: Mapped[int] = mapped_column(db.ForeignKey("coupon.id"))
    idempotency_key: Mapped[str | None]
    order_cents: Mapped[int]
    discount_cents: Mapped[int]


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def add_api_key(merchant: str, role: str = "staff") -> str:
    key = secrets.token_urlsafe(24)
    db.session.add(ApiKey(key_hash=hash_key(key), merchant=merchant, role=role))
    db.session.commit()
    return key
