"""In-memory stores, made fresh in the app's lifespan and kept on `app.state`."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

ChangeType = Literal["created", "updated", "deleted"]


@dataclass
class User:
    id: int
    email: str
    password_hash: str


@dataclass
class Session:
    token: str
    user_id: int
    expires_at: datetime


@dataclass
class Note:
    id: int
    owner_id: int
    title: str
    body: str
    tags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class Change:
    seq: int
    owner_id: int
    type: ChangeType
    note: Note


class UserStore:
    def __init__(self) -> None:
        self._by_email: dict[str, User] = {}
        self._ids = itertools.count(1)

    def add(self, email: str, password_hash: str) -> User | None:
        """The new user, or None when the email is taken (emails compare case-insensitively)."""
        key = email.casefold()
        if key in self._by_email:
            return None
        user = User(next(self._ids), email, password_hash)
        self._by_email[key] = user
        return user

    def by_email(self, email: str) -> User | None:
        return self._by_email.get(email.casefold())

    def by_id(self, user_id: int) -> User | None:
        return next((u for u in self._by_email.values() if u.id == user_id), None)


class SessionStore:
    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}

    def add(self, session: Session) -> None:
        self._sessions[session.token] = session

    def get(self, token: str) -> Session | None:
        return self._sessions.get(token)

    def revoke(self, token: str) -> None:
        self._sessions.pop(token, None)


class NoteStore:
    """Notes and the change log the sync feed reads. `seq` only ever grows."""

    def __init__(self) -> None:
        self._notes: dict[int, Note] = {}
        self._ids = itertools.count(1)
        self._seq = itertools.count(1)
        self.changes: list[Change] = []

    def _record(self, type: ChangeType, note: Note) -> None:
        # A snapshot: later edits must not rewrite what the feed already said.
        self.changes.append(Change(next(self._seq), note.owner_id, type, replace(note, tags=list(note.tags))))

    def create(self, owner_id: int, title: str, body: str, tags: list[str], now: datetime) -> Note:
        note = Note(next(self._ids), owner_id, title, body, tags, 1, now, now)
        self._notes[note.id] = note
        self._record("created", note)
        return note

    def get(self, note_id: int) -> Note | None:
        return self._notes.get(note_id)

    def live(self, owner_id: int) -> list[Note]:
        return [n for n in self._notes.values() if n.owner_id == owner_id and n.deleted_at is None]

    def trashed(self, owner_id: int) -> list[Note]:
        return [n for n in self._notes.values() if n.owner_id == owner_id and n.deleted_at is not None]

    def touch(self, note: Note, now: datetime) -> None:
        note.version += 1
        note.updated_at = now
        self._record("updated", note)

    def trash(self, note: Note, now: datetime) -> None:
        note.deleted_at = now
        note.version += 1
        self._record("deleted", note)

    def restore(self, note: Note, now: datetime) -> None:
        note.deleted_at = None
        self.touch(note, now)

    def purge(self, note: Note) -> None:
        del self._notes[note.id]

    def changes_after(self, owner_id: int, seq: int) -> list[Change]:
        return [c for c in self.changes if c.seq > seq and c.owner_id == owner_id]


@dataclass
class Stores:
    users: UserStore = field(default_factory=UserStore)
    sessions: SessionStore = field(default_factory=SessionStore)
    notes: NoteStore = field(default_factory=NoteStore)
