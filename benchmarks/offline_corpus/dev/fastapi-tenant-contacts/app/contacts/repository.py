from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field


class Conflict(Exception):
    pass


class NotFound(Exception):
    pass


@dataclass
class Contact:
    id: int
    tenant: str
    name: str
    email: str
    phone: str | None = None
    version: int = 1
    tags: list[str] = field(default_factory=list)


class ContactRepository:
    def __init__(self) -> None:
        self._rows: dict[int, Contact] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def _email_taken(self, tenant: str, email: str, *, exclude: int | None = None) -> bool:
        return any(
            c.tenant == tenant and c.email.lower() == email.lower() and c.id != exclude for c in self._rows.values()
        )

    def add(self, tenant: str, name: str, email: str, phone: str | None = None) -> Contact:
        with self._lock:
            if self._email_taken(tenant, email):
                raise Conflict(f"{email} is already a contact")
            contact = Contact(next(self._ids), tenant, name, email, phone)
            self._rows[contact.id] = contact
            return contact

    def get(self, tenant: str, contact_id: int) -> Contact:
        contact = self._rows.get(contact_id)
        if contact is None or contact.tenant != tenant:
            raise NotFound(contact_id)
        return contact

    def page(self, tenant: str, *, page: int, per_page: int, search: str | None = None) -> tuple[list[Contact], int]:
        rows = [c for c in self._rows.values() if c.tenant == tenant]
        if search:
            rows = [c for c in rows if search.lower() in c.name.lower()]
        rows.sort(key=lambda c: (c.name.lower(), c.id))
        start = (page - 1) * per_page
        return rows[start : start + per_page], len(rows)

    def update(self, tenant: str, contact_id: int, version: int, **changes) -> Contact:
        with self._lock:
            contact = self.get(tenant, contact_id)
            if contact.version != version:
                raise Conflict(f"contact {contact_id} is at version {contact.version}, not {version}")
            if "email" in changes and self._email_taken(tenant, changes["email"], exclude=contact_id):
                raise Conflict(f"{changes['email']} is already a contact")
            for key, value in changes.items():
                setattr(contact, key, value)
            contact.version += 1
            return contact

    def delete(self, tenant: str, contact_id: int, version: int) -> None:
        with self._lock:
            contact = self.get(tenant, contact_id)
            if contact.version != version:
                raise Conflict(f"contact {contact_id} is at version {contact.version}, not {version}")
            del self._rows[contact_id]


_repo = ContactRepository()


def get_repo() -> ContactRepository:
    return _repo
