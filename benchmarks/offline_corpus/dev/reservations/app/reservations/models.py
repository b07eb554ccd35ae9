"""Value objects: reservations and log events."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(str, enum.Enum):
    HELD = "held"
    COMMITTED = "committed"
    RELEASED = "released"
    EXPIRED = "expired"


@dataclass
class Reservation:
    """A hold of ``quantity`` units of ``sku`` until ``expires_at`` (clock time).

    A hold is live while it is HELD and the clock has not reached ``expires_at``;
    at ``expires_at`` exactly it has expired.
    """

    id: str
    sku: str
    quantity: int
    created_at: float
    expires_at: float
    status: Status = Status.HELD

    def is_live(self, now: float) -> bool:
        return self.status is Status.HELD and now < self.expires_at

    def is_due(self, now: float) -> bool:
        """Held, but its time is up: the next sweep marks it expired."""
        return self.status is Status.HELD and not self.is_live(now)


class EventKind(str, enum.Enum):
    STOCKED = "stocked"
    RESERVED = "reserved"
    EXTENDED = "extended"
    RELEASED = "released"
    EXPIRED = "expired"
    COMMITTED = "committed"


@dataclass(frozen=True)
class Event:
    """One line of the warehouse's log. ``seq`` starts at 1 and has no gaps."""

    seq: int
    at: float
    kind: EventKind
    sku: str
    quantity: int
    reservation_id: str | None = None
