from __future__ import annotations

import itertools
import string
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Iterable

from .errors import HoldError, SeatingError, SeatUnavailable, TooManySeats, UnknownSeat

ROWS = string.ascii_uppercase


@dataclass(frozen=True)
class Hold:
    id: str
    seats: tuple[str, ...]
    expires_at: float


class SeatMap:
    """Seats of one performance, labelled by row letter and seat number ("A1", "C12")."""

    def __init__(
        self,
        rows: int,
        seats_per_row: int,
        *,
        hold_seconds: float = 600,
        max_per_hold: int = 8,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not 1 <= rows <= len(ROWS):
            raise ValueError(f"rows must be between 1 and {len(ROWS)}")
        if seats_per_row < 1:
            raise ValueError("seats_per_row must be positive")
        if hold_seconds <= 0:
            raise ValueError("hold_seconds must be positive")
        if max_per_hold < 1:
            raise ValueError("max_per_hold must be positive")
        self.rows = rows
        self.seats_per_row = seats_per_row
        self.hold_seconds = hold_seconds
        self.max_per_hold = max_per_hold
        self._clock = clock
        self._holds: dict[str, Hold] = {}
        self._sold: set[str] = set()
        self._ids = itertools.count(1)

    @property
    def capacity(self) -> int:
        return self.rows * self.seats_per_row

    def _label(self, seat: str) -> str:
        label = seat.strip().upper()
        row, number = label[:1], label[1:]
        if row not in ROWS[: self.rows] or not number.isdigit() or not 1 <= int(number) <= self.seats_per_row:
            raise UnknownSeat(seat)
        return f"{row}{int(number)}"

    @staticmethod
    def _order(label: str) -> tuple[str, int]:
        return label[0], int(label[1:])

    def _expire(self) -> None:
        now = self._clock()
        for hold_id in [h.id for h in self._holds.values() if h.expires_at <= now]:
            del self._holds[hold_id]

    def _held(self) -> set[str]:
        return {seat for hold in self._holds.values() for seat in hold.seats}

    def status(self, seat: str) -> str:
        """"free", "held" or "sold"."""
        label = self._label(seat)
        self._expire()
        if label in self._sold:
            return "sold"
        if label in self._held():
            return "held"
        return "free"

    def hold(self, seats: Iterable[str]) -> Hold:
        labels = list(dict.fromkeys(self._label(seat) for seat in seats))
        if not labels:
            raise ValueError("no seats given")
        if len(labels) > self.max_per_hold:
            raise TooManySeats(len(labels), self.max_per_hold)
        self._expire()
        unavailable = self._sold | self._held()
        taken = [label for label in labels if label in unavailable]
        if taken:
            raise SeatUnavailable(taken)
        hold = Hold(f"H{next(self._ids)}", tuple(labels), self._clock() + self.hold_seconds)
        self._holds[hold.id] = hold
        return hold

    def release(self, hold_id: str) -> None:
        self._expire()
        if self._holds.pop(hold_id, None) is None:
            raise HoldError(f"no active hold {hold_id}")

    def confirm(self, hold_id: str) -> tuple[str, ...]:
        """Sell the seats of an active hold and return them."""
        self._expire()
        hold = self._holds.pop(hold_id, None)
        if hold is None:
            raise HoldError(f"no active hold {hold_id}")
        self._sold.update(hold.seats)
        return hold.seats

    def refund(self, seat: str) -> None:
        label = self._label(seat)
        if label not in self._sold:
            raise SeatingError(f"seat {label} was not sold")
        self._sold.remove(label)

    def available(self, row: str | None = None) -> list[str]:
        self._expire()
        unavailable = self._sold | self._held()
        rows = ROWS[: self.rows] if row is None else self._label(f"{row}1")[0]
        labels = [f"{r}{n}" for r in rows for n in range(1, self.seats_per_row + 1)]
        return sorted((label for label in labels if label not in unavailable), key=self._order)

    def best_block(self, count: int) -> list[str] | None:
        """The leftmost run of `count` adjacent free seats in the row nearest the stage, or None."""
        if count < 1:
            raise ValueError("count must be positive")
        free = set(self.available())
        for row in ROWS[: self.rows]:
            for first in range(1, self.seats_per_row - count + 2):
                block = [f"{row}{n}" for n in range(first, first + count)]
                if all(label in free for label in block):
                    return block
        return None

    def occupancy(self) -> Decimal:
        """Sold seats as a whole percentage of the capacity, rounded half up."""
        share = Decimal(len(self._sold)) * 100 / self.capacity
        return share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
