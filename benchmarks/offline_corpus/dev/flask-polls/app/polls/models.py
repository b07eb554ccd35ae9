from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db, login_manager


def utcnow():
    """Now, as the naive UTC datetime the database stores."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def isoformat(moment):
    return moment.replace(tzinfo=timezone.utc).isoformat().replace("+00:00", "Z") if moment else None


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))

    def set_password(self, password, method="scrypt"):
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def to_dict(self):
        return {"id": self.id, "email": self.email, "name": self.name}


@login_manager.user_loader
def load_user(user_id):
    return db.session.get(User, int(user_id))


class Poll(db.Model):
    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question: Mapped[str] = mapped_column(String(200))
    creator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    creator: Mapped[User] = relationship()
    options: Mapped[list["Option"]] = relationship(
        back_populates="poll", order_by="Option.position", cascade="all, delete-orphan"
    )

    @property
    def is_open(self):
        return self.closed_at is None and self.closes_at > utcnow()

    def to_dict(self):
        return {
            "id": self.id,
            "question": self.question,
            "creator": self.creator.name,
            "created_at": isoformat(self.created_at),
            "closes_at": isoformat(self.closes_at),
            "closed_at": isoformat(self.closed_at),
            "is_open": self.is_open,
            "options": [{"id": option.id, "text": option.text} for option in self.options],
        }


class Option(db.Model):
    __tablename__ = "options"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(100))

    poll: Mapped[Poll] = relationship(back_populates="options")


class Vote(db.Model):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("poll_id", "user_id", name="one_vote_per_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id"))
    option_id: Mapped[int] = mapped_column(ForeignKey("options.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cast_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
