"""FIFO lots per SKU.

Rules:

* Quantities are whole units, strictly positive (`ValueError` otherwise).
* Unit costs are exact (`Decimal`, `int` or numeric `str`) and may carry more than two decimals; they
  must not be negative. Money results (cost of goods, values) are rounded half-up to cents once, on
  the total, never per lot.
* Lots are consumed oldest first: by receipt date, then in the order they were received. A receipt
  may be back-dated; it then sits among the older lots.
* An issue may not be dated before the receipt of any lot it draws from (`ValueError`), and may not
  ask for more than is on hand (`InsufficientStock`). In both cases nothing changes.
* `return_to_stock` takes back units of earlier issues, the most recently issued units first, and puts
  them back into the lots they came from, at those lots' cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .errors import InsufficientStock
from .money import cents, to_decimal


@dataclass
class Lot:
    """A receipt of units at one unit cost; `remaining` goes down as units are issued."""

    sku: str
    received_on: date
    quantity: int
    unit_cost: Decimal
    remaining: int
    seq: int

    @property
    def value(self) -> Decimal:
        return self.remaining * self.unit_cost


@dataclass(frozen=True)
class Movement:
    """One line of a SKU's history. `quantity` is always positive; `kind` says the direction."""

    kind: str  # "receipt", "issue" or "return"
    on: date
    quantity: int
    amount: Decimal  # cents: the receipt's cost, the issue's cost of goods or the return's credit
    on_hand: int  # units on hand after the movement


@dataclass
class _Draw:
    lot: Lot
    quantity: int


def _quantity(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"quantity must be an int, not {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"quantity must be positive, not {value}")
    return value


def _sku(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("sku must be a non-empty string")
    return value.strip()


def _date(value: object) -> date:
    if not isinstance(value, date):
        raise TypeError(f"on must be a date, not {type(value).__name__}")
    return value


class Inventory:
    def __init__(self) -> None:
        self._lots: dict[str, list[Lot]] = {}
        self._issued: dict[str, list[_Draw]] = {}  # units out, oldest issue first
        self._history: dict[str, list[Movement]] = {}
        self._seq = 0

    # -- movements -----------------------------------------------------------------------------

    def receive(self, sku: str, qty: int, unit_cost: Decimal | int | str, on: date) -> Lot:
        """Add a lot. Returns it."""
        sku = _sku(sku)
        qty = _quantity(qty)
        cost = to_decimal(unit_cost, "unit_cost")
        if cost < 0:
            raise ValueError("unit_cost must not be negative")
        on = _date(on)
        self._seq += 1
        lot = Lot(sku=sku, received_on=on, quantity=qty, unit_cost=cost, remaining=qty, seq=self._seq)
        lots = self._lots.setdefault(sku, [])
        lots.append(lot)
        lots.sort(key=lambda item: (item.received_on, item.seq))
        self._record(sku, "receipt", on, qty, cents(qty * cost))
        return lot

    def issue(self, sku: str, qty: int, on: date) -> Decimal:
        """Take `qty` units out, oldest lots first. Returns the cost of goods, half-up to cents."""
        sku = _sku(sku)
        qty = _quantity(qty)
        on = _date(on)
        available = self.on_hand(sku)
        if qty > available:
            raise InsufficientStock(sku, qty, available)

        draws: list[_Draw] = []
        wanted = qty
        for lot in self._lots.get(sku, []):
            if wanted == 0:
                break
            if lot.remaining == 0:
                continue
            take = min(lot.remaining, wanted)
            draws.append(_Draw(lot, take))
            wanted -= take
        last_receipt = max(draw.lot.received_on for draw in draws)
        if on < last_receipt:
            raise ValueError(f"{sku}: issue dated {on} draws on a lot received {last_receipt}")

        total = Decimal(0)
        for draw in draws:
            draw.lot.remaining -= draw.quantity
            total += draw.quantity * draw.lot.unit_cost
        self._issued.setdefault(sku, []).extend(draws)
        cost = cents(total)
        self._record(sku, "issue", on, qty, cost)
        return cost

    def return_to_stock(self, sku: str, qty: int, on: date) -> Decimal:
        """Take back `qty` issued units, the most recently issued first, into their own lots.

        Returns the credit at the original lots' cost, half-up to cents. Returning more units than
        are out raises ValueError and changes nothing.
        """
        sku = _sku(sku)
        qty = _quantity(qty)
        on = _date(on)
        out = self._issued.get(sku, [])
        outstanding = sum(draw.quantity for draw in out)
        if qty > outstanding:
            raise ValueError(f"{sku}: {qty} to return, only {outstanding} issued")

        total = Decimal(0)
        wanted = qty
        while wanted:
            draw = out[-1]
            back = min(draw.quantity, wanted)
            draw.lot.remaining += back
            draw.quantity -= back
            total += back * draw.lot.unit_cost
            wanted -= back
            if draw.quantity == 0:
                out.pop()
        credit = cents(total)
        self._record(sku, "return", on, qty, credit)
        return credit

    # -- queries -------------------------------------------------------------------------------

    def on_hand(self, sku: str) -> int:
        return sum(lot.remaining for lot in self._lots.get(sku, []))

    def value(self, sku: str) -> Decimal:
        """What the units on hand cost, half-up to cents."""
        return cents(sum((lot.value for lot in self._lots.get(sku, [])), Decimal(0)))

    def total_value(self) -> Decimal:
        return cents(sum((lot.value for lots in self._lots.values() for lot in lots), Decimal(0)))

    def lots(self, sku: str) -> list[Lot]:
        """The lots with units left, in the order they will be consumed (copies)."""
        return [
            Lot(lot.sku, lot.received_on, lot.quantity, lot.unit_cost, lot.remaining, lot.seq)
            for lot in self._lots.get(sku, [])
            if lot.remaining
        ]

    def history(self, sku: str) -> list[Movement]:
        """Every movement of `sku` in the order it was recorded."""
        return list(self._history.get(sku, []))

    def skus(self) -> list[str]:
        return sorted(self._lots)

    def _record(self, sku: str, kind: str, on: date, qty: int, amount: Decimal) -> None:
        movement = Movement(kind=kind, on=on, quantity=qty, amount=amount, on_hand=self.on_hand(sku))
        self._history.setdefault(sku, []).append(movement)
