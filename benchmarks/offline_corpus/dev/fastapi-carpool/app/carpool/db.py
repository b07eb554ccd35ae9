from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from .settings import SeedUser


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    is_admin: Mapped[bool] = mapped_column(default=False)


class Ride(Base):
    __tablename__ = "rides"

    id: Mapped[int] = mapped_column(primary_key=True)
    driver: Mapped[str] = mapped_column(ForeignKey("users.name"))
    origin: Mapped[str] = mapped_column(String(80))
    destination: Mapped[str] = mapped_column(String(80))
    departs_at: Mapped[datetime]
    seats: Mapped[int]
    price_cents: Mapped[int]
    cancelled: Mapped[bool] = mapped_column(default=False)


class Booking(Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(primary_key=True)
    ride_id: Mapped[int] = mapped_column(ForeignKey("rides.id"))
    passenger: Mapped[str] = mapped_column(ForeignKey("users.name"))
    seats: Mapped[int]
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def seed_users(session: Session, users: list[SeedUser]) -> None:
    """Create or update the configured users; users no longer configured are left alone."""
    for seed in users:
        user = session.scalar(select(User).where(User.name == seed.name))
        if user is None:
            user = User(name=seed.name)
            session.add(user)
        user.token_hash = hash_token(seed.token)
        user.is_admin = seed.is_admin
    session.commit()
