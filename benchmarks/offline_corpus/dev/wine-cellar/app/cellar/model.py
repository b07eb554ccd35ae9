from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class Colour(enum.Enum):
    RED = "red"
    WHITE = "white"
    ROSE = "rose"
    SPARKLING = "sparkling"
    FORTIFIED = "fortified"


@dataclass
class Lot:
    """Bottles of one wine bought together, at one price per bottle."""

    code: str
    name: str
    colour: Colour
    quantity: int
    price: Decimal
    vintage: int | None = None  # None for non-vintage (NV)
    drink_from: int | None = None
    drink_until: int | None = None

    def __post_init__(self) -> None:
        if self.quantity < 1:
            raise ValueError("a lot holds at least one bottle")
        if self.price < 0:
            raise ValueError("price cannot be negative")
        if (
            self.drink_from is not None
            and self.drink_until is not None
            and self.drink_from > self.drink_until
        ):
            raise ValueError("the drinking window ends before it starts")

    def ready_in(self, year: int) -> bool:
        """Whether `year` falls inside the drinking window (both ends included)."""
        if self.drink_from is not None and year < self.drink_from:
            return False
        if self.drink_until is not None and year > self.drink_until:
            return False
        return True

    @property
    def value(self) -> Decimal:
        return self.price * self.quantity
