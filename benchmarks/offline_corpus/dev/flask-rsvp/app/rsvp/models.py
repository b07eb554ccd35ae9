from datetime import timezone

from werkzeug.security import check_password_hash, generate_password_hash

from rsvp.extensions import db

ANSWERS = ("yes", "no", "maybe")


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(254), unique=True, nullable=False)
    name = db.Column(db.String(80), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)


class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    description = db.Column(db.Text, nullable=False, default="")
    capacity = db.Column(db.Integer, nullable=False)
    # naive UTC
    starts_at = db.Column(db.DateTime, nullable=False)
    organiser_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    cancelled = db.Column(db.Boolean, nullable=False, default=False)

    organiser = db.relationship("User")

    @property
    def starts_at_utc(self):
        return self.starts_at.replace(tzinfo=timezone.utc)


class Rsvp(db.Model):
    __table_args__ = (db.UniqueConstraint("event_id", "user_id"),)

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("event.id"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    answer = db.Column(db.String(5), nullable=False)
    waitlisted = db.Column(db.Boolean, nullable=False, default=False)
    # order on the waitlist; None when not waitlisted
    waitlist_position = db.Column(db.Integer)
    answered_at = db.Column(db.DateTime, nullable=False)

    user = db.relationship("User")
