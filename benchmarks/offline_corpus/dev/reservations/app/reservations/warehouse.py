"""The warehouse: stock on hand, holds with a time-to-live, sales and a log."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from .errors import (
    InsufficientStock,
    InvalidQuantity,
    InvalidState,
    ReservationExpired,
    UnknownReservation,
    UnknownSku,
)
from .models import Event, EventKind, Reservation, Status

Clock = Callable[[], float]


def _positive_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidQuantity(f"{what} must be a positive whole number, got {value!r}")
    return value


def _positive_seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise InvalidQuantity(f"ttl_seconds must be a positive number, got {value!r}")
    return float(value)


class Warehouse:
    """Stock per SKU with time-limited reservations.

    ``on_hand`` is the physical stock: it grows with :meth:`add_stock` and
    shrinks when a reservation is committed (sold). ``available`` is what can
    still be reserved: on hand minus the live holds. Holds that run out stop
    counting at once; the next call that changes state also marks them EXPIRED
    and logs an ``expired`` event for each, in the order they expired.
    """

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._on_hand: dict[str, int] = {}
        self._reservations: dict[str, Reservation] = {}
        self._events: list[Event] = []
        self._next_id = 1

    # -- log ---------------------------------------------------------------

    def _log(self, kind: EventKind, sku: str, quantity: int, reservation_id: str | None = None,
             at: float | None = None) -> None:
        self._events.append(Event(
            seq=len(self._events) + 1,
            at=self._clock() if at is None else at,
            kind=kind,
            sku=sku,
            quantity=quantity,
            reservation_id=reservation_id,
        ))

    @property
    def events(self) -> list[Event]:
        """The log, oldest first (a copy)."""
        return list(self._events)

    def events_since(self, seq: int) -> list[Event]:
        """Events with a sequence number above ``seq``."""
        return [e for e in self._events if e.seq > seq]

    # -- stock -------------------------------------------------------------

    def add_stock(self, sku: str, quantity: int) -> int:
        """Add ``quantity`` units to ``sku`` and return the new on-hand figure."""
        quantity = _positive_int(quantity, "quantity")
        self._on_hand[sku] = self._on_hand.get(sku, 0) + quantity
        self._log(EventKind.STOCKED, sku, quantity)
        return self._on_hand[sku]

    def on_hand(self, sku: str) -> int:
        if sku not in self._on_hand:
            raise UnknownSku(sku)
        return self._on_hand[sku]

    def held(self, sku: str) -> int:
        """Units of ``sku`` in live holds."""
        now = self._clock()
        return sum(r.quantity for r in self._reservations.values() if r.sku == sku and r.is_live(now))

    def available(self, sku: str) -> int:
        return self.on_hand(sku) - self.held(sku)

    def skus(self) -> list[str]:
        return sorted(self._on_hand)

    # -- expiry ------------------------------------------------------------

    def expire_due(self) -> list[Reservation]:
        """Mark every hold whose time is up as EXPIRED, logging each in expiry order."""
        now = self._clock()
        due = [r for r in self._reservations.values() if r.is_due(now)]
        due.sort(key=lambda r: (r.expires_at, r.created_at))
        for reservation in due:
            reservation.status = Status.EXPIRED
            self._log(EventKind.EXPIRED, reservation.sku, reservation.quantity, reservation.id,
                      at=reservation.expires_at)
        return due

    # -- reservations ------------------------------------------------------

    def reserve(self, sku: str, quantity: int, ttl_seconds: float) -> Reservation:
        """Hold ``quantity`` units of ``sku`` for ``ttl_seconds``.

        Raises InsufficientStock when fewer are available, UnknownSku for a SKU
        that was never stocked, InvalidQuantity for non-positive arguments.
        """
        quantity = _positive_int(quantity, "quantity")
        ttl = _positive_seconds(ttl_seconds)
        self.expire_due()
        free = self.available(sku)
        if quantity > free:
            raise InsufficientStock(sku, quantity, free)
        now = self._clock()
        reservation = Reservation(
            id=f"R{self._next_id}",
            sku=sku,
            quantity=quantity,
            created_at=now,
            expires_at=now + ttl,
        )
        self._next_id += 1
        self._reservations[reservation.id] = reservation
        self._log(EventKind.RESERVED, sku, quantity, reservation.id)
        return reservation

    def get(self, reservation_id: str) -> Reservation:
        try:
            return self._reservations[reservation_id]
        except KeyError:
            raise UnknownReservation(reservation_id) from None

    def reservations(self, sku: str | None = None) -> list[Reservation]:
        """Live holds, oldest first, optionally for one SKU."""
        now = self._clock()
        return [r for r in self._reservations.values() if r.is_live(now) and (sku is None or r.sku == sku)]

    def extend(self, reservation_id: str, ttl_seconds: float) -> Reservation:
        """Keep a live hold for ``ttl_seconds`` from now."""
        ttl = _positive_seconds(ttl_seconds)
        self.expire_due()
        reservation = self._live(reservation_id)
        reservation.expires_at = self._clock() + ttl
        self._log(EventKind.EXTENDED, reservation.sku, reservation.quantity, reservation.id)
        return reservation

    def release(self, reservation_id: str) -> bool:
        """Give a hold's units back. Returns False when it had already been released or had expired."""
        self.expire_due()
        reservation = self.get(reservation_id)
        if reservation.status in (Status.RELEASED, Status.EXPIRED):
            return False
        if reservation.status is Status.COMMITTED:
            raise InvalidState(f"reservation {reservation_id} was committed; it cannot be released")
        reservation.status = Status.RELEASED
        self._log(EventKind.RELEASED, reservation.sku, reservation.quantity, reservation.id)
        return True

    def commit(self, reservation_id: str) -> Reservation:
        """Turn a live hold into a sale: the units leave the stock on hand."""
        self.expire_due()
        reservation = self._live(reservation_id)
        self._on_hand[reservation.sku] -= reservation.quantity
        reservation.status = Status.COMMITTED
        self._log(EventKind.COMMITTED, reservation.sku, reservation.quantity, reservation.id)
        return reservation

    def commit_all(self, reservation_ids: Iterable[str]) -> list[Reservation]:
        """Commit several holds, all or nothing: nothing is sold unless every hold is live."""
        self.expire_due()
        held = [self._live(rid) for rid in reservation_ids]
        return [self.commit(r.id) for r in held]

    def _live(self, reservation_id: str) -> Reservation:
        reservation = self.get(reservation_id)
        if reservation.status is Status.EXPIRED:
            raise ReservationExpired(reservation.id, reservation.expires_at)
        if reservation.status is not Status.HELD:
            raise InvalidState(f"reservation {reservation_id} is {reservation.status.value}")
        return reservation
