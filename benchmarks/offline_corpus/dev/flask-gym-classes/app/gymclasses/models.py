from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db


class Member(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    token: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    credit: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))


class GymClass(db.Model):
    __tablename__ = "gym_class"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime]
    capacity: Mapped[int]
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class Booking(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("gym_class.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="booked")
    price_paid: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    refunded: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0.00"))
