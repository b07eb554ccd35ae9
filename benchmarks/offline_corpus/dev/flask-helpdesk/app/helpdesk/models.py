from datetime import datetime

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

CUSTOMER = "customer"
AGENT = "agent"

PRIORITIES = ("low", "normal", "high", "urgent")
STATUSES = ("open", "in_progress", "resolved", "closed")


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="seconds") + "Z"


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200), unique=True, nullable=False)
    name = db.Column(db.String(100), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(20), nullable=False, default=CUSTOMER)

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def to_dict(self) -> dict:
        return {"id": self.id, "email": self.email, "name": self.name, "role": self.role}


class Token(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    value = db.Column(db.String(64), unique=True, nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    user = db.relationship(User)


class Ticket(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    subject = db.Column(db.String(120), nullable=False)
    body = db.Column(db.Text, nullable=False, default="")
    priority = db.Column(db.String(10), nullable=False)
    status = db.Column(db.String(20), nullable=False, default="open")
    customer_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    assignee_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    created_at = db.Column(db.DateTime, nullable=False)
    due_at = db.Column(db.DateTime, nullable=False)
    resolved_at = db.Column(db.DateTime)

    customer = db.relationship(User, foreign_keys=[customer_id])
    assignee = db.relationship(User, foreign_keys=[assignee_id])
    comments = db.relationship("Comment", back_populates="ticket", order_by="Comment.id")

    def is_overdue(self, now: datetime) -> bool:
        return self.status in ("open", "in_progress") and self.due_at < now

    def to_dict(self, now: datetime) -> dict:
        return {
            "id": self.id,
            "subject": self.subject,
            "body": self.body,
            "priority": self.priority,
            "status": self.status,
            "customer": self.customer.email,
            "assignee": self.assignee.email if self.assignee else None,
            "created_at": iso(self.created_at),
            "due_at": iso(self.due_at),
            "resolved_at": iso(self.resolved_at),
            "overdue": self.is_overdue(now),
        }


class Comment(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    ticket_id = db.Column(db.Integer, db.ForeignKey("ticket.id"), nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    body = db.Column(db.Text, nullable=False)
    internal = db.Column(db.Boolean, nullable=False, default=False)
    created_at = db.Column(db.DateTime, nullable=False)

    ticket = db.relationship(Ticket, back_populates="comments")
    author = db.relationship(User)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "author": self.author.email,
            "body": self.body,
            "internal": self.internal,
            "created_at": iso(self.created_at),
        }
