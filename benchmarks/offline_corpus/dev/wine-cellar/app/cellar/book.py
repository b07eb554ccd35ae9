from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from cellar.errors import CellarFull, DuplicateLot, NotEnoughBottles, UnknownLot
from cellar.model import Colour, Lot

CENT = Decimal("0.01")


class Cellar:
    """The lots in a cellar, with an optional limit on the number of bottles it holds."""

    def __init__(self, capacity: int | None = None):
        if capacity is not None and capacity < 1:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._lots: dict[str, Lot] = {}

    def __len__(self) -> int:
        return len(self._lots)

    def __iter__(self) -> Iterator[Lot]:
        return iter(sorted(self._lots.values(), key=lambda lot: lot.code))

    def __contains__(self, code: object) -> bool:
        return code in self._lots

    @property
    def bottles(self) -> int:
        return sum(lot.quantity for lot in self._lots.values())

    @property
    def free(self) -> int | None:
        return None if self.capacity is None else self.capacity - self.bottles

    def get(self, code: str) -> Lot:
        try:
            return self._lots[code]
        except KeyError:
            raise UnknownLot(code) from None

    def add(self, lot: Lot) -> Lot:
        if lot.code in self._lots:
            raise DuplicateLot(lot.code)
        if self.capacity is not None and self.bottles + lot.quantity > self.capacity:
            raise CellarFull(lot.quantity, self.free)
        self._lots[lot.code] = lot
        return lot

    def remove(self, code: str, count: int = 1) -> int:
        """Take `count` bottles out of a lot; returns the bottles left in it.

        A lot whose last bottle is taken leaves the cellar.
        """
        if count < 1:
            raise ValueError("count must be positive")
        lot = self.get(code)
        if count > lot.quantity:
            raise NotEnoughBottles(code, count, lot.quantity)
        lot.quantity -= count
        if lot.quantity == 0:
            del self._lots[code]
        return lot.quantity

    def query(
        self,
        *,
        colour: Colour | None = None,
        ready_in: int | None = None,
        max_price: Decimal | None = None,
    ) -> list[Lot]:
        """Lots matching every filter given, oldest vintage first (NV last), then by code."""
        found = []
        for lot in self._lots.values():
            if colour is not None and lot.colour is not colour:
                continue
            if ready_in is not None and not lot.ready_in(ready_in):
                continue
            if max_price is not None and lot.price > max_price:
                continue
            found.append(lot)
        return sorted(found, key=lambda lot: (lot.vintage is None, lot.vintage or 0, lot.code))

    def value(self, colour: Colour | None = None) -> Decimal:
        lots = self.query(colour=colour)
        return sum((lot.value for lot in lots), Decimal("0")).quantize(CENT, ROUND_HALF_UP)

    def average_price(self, colour: Colour | None = None) -> Decimal:
        """The mean price per bottle, rounded half up to the cent (0.00 for no bottles)."""
        lots = self.query(colour=colour)
        bottles = sum(lot.quantity for lot in lots)
        if bottles == 0:
            return Decimal("0.00")
        total = sum((lot.value for lot in lots), Decimal("0"))
        return (total / bottles).quantize(CENT, ROUND_HALF_UP)
