from datetime import timezone

from werkzeug.security import check_password_hash, generate_password_hash

from .extensions import db

ROLES = ("reader", "editor")
SHARE_ROLES = ("viewer", "editor")


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(32), unique=True, nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    role = db.Column(db.String(16), nullable=False, default="reader")

    def set_password(self, password, method):
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password):
        return check_password_hash(self.password_hash, password)

    def to_dict(self):
        return {"id": self.id, "username": self.username, "role": self.role}


class Document(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    title = db.Column(db.String(200), nullable=False)
    body = db.Column(db.Text, nullable=False, default="")
    version = db.Column(db.Integer, nullable=False, default=1)
    created_at = db.Column(db.DateTime, nullable=False)
    updated_at = db.Column(db.DateTime, nullable=False)

    owner = db.relationship("User")
    shares = db.relationship("Share", back_populates="document", cascade="all, delete-orphan")
    audit = db.relationship("AuditEntry", back_populates="document", cascade="all, delete-orphan")

    @property
    def last_modified(self):
        """``updated_at`` as an aware UTC datetime (stored naive, in UTC, to the second)."""
        return self.updated_at.replace(tzinfo=timezone.utc)

    def to_dict(self, access=None):
        out = {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "owner": self.owner.username,
            "version": self.version,
            "created_at": self.created_at.isoformat() + "Z",
            "updated_at": self.updated_at.isoformat() + "Z",
        }
        if access is not None:
            out["access"] = access
        return out


class Share(db.Model):
    __table_args__ = (db.UniqueConstraint("document_id", "user_id"),)

    id = db.Column(db.Integer, primary_key=True)
    document_id = db.Column(db.Integer, db.ForeignKey("document.id"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    role = db.Column(db.String(16), nullable=False)

    document = db.relationship("Document", back_populates="shares")
    user = db.relationship("User")

    def to_dict(self):
        return {"username": self.user.username, "role": self.role}


class AuditEntry(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    document_id = db.Column(db.Integer, db.ForeignKey("document.id"), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    action = db.Column(db.String(16), nullable=False)
    detail = db.Column(db.String(200), nullable=False, default="")
    at = db.Column(db.DateTime, nullable=False)

    document = db.relationship("Document", back_populates="audit")
    user = db.relationship("User")

    def to_dict(self):
        return {"user": self.user.username, "action": self.action, "detail": self.detail,
                "at": self.at.isoformat() + "Z"}
