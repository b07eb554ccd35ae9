from datetime import datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .database import Base


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    full_name: Mapped[str] = mapped_column(String(100))
    hashed_password: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))


class Slot(Base):
    """A doctor's appointment slot; it is an appointment once a patient has booked it."""

    __tablename__ = "slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    start: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    duration_minutes: Mapped[int] = mapped_column(Integer)
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    booked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    doctor: Mapped[User] = relationship(foreign_keys=[doctor_id])
    patient: Mapped[User | None] = relationship(foreign_keys=[patient_id])

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_minutes)
