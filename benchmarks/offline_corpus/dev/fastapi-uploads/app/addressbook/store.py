import hashlib
import hmac
import itertools
import secrets
import threading
from dataclasses import dataclass, field


def hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 50_000)


@dataclass
class User:
    username: str
    salt: bytes
    password_hash: bytes

    def check_password(self, password: str) -> bool:
        return hmac.compare_digest(hash_password(password, self.salt), self.password_hash)


@dataclass
class Contact:
    id: int
    owner: str
    name: str
    email: str
    phone: str | None = None
    company: str | None = None
    created: int = 0


@dataclass
class Store:
    users: dict[str, User] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    contacts: dict[int, Contact] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add_user(self, username: str, password: str) -> None:
        salt = secrets.token_bytes(16)
        self.users[username] = User(username, salt, hash_password(password, salt))

    def authenticate(self, username: str, password: str) -> User | None:
        user = self.users.get(username)
        if user is None or not user.check_password(password):
            return None
        return user

    def open_session(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        self.sessions[token] = username
        return token

    def close_session(self, token: str) -> None:
        self.sessions.pop(token, None)

    def contacts_of(self, owner: str) -> list[Contact]:
        return [c for c in self.contacts.values() if c.owner == owner]

    def emails_of(self, owner: str) -> set[str]:
        return {c.email.lower() for c in self.contacts_of(owner)}

    def add_contact(self, owner: str, name: str, email: str, phone: str | None, company: str | None) -> Contact:
        with self.lock:
            contact_id = next(self._ids)
            contact = Contact(contact_id, owner, name, email, phone, company, created=contact_id)
            self.contacts[contact_id] = contact
            return contact

    def delete_contact(self, contact_id: int) -> None:
        with self.lock:
            del self.contacts[contact_id]
