"""Parcels, services and quotes."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

VOLUMETRIC_DIVISOR = Decimal(5000)  # cm^3 per kg
WEIGHT_STEP = Decimal("0.5")  # kg; billable weight is charged in steps of this size


def to_decimal(value: object, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"{name} must be a number")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number <= 0:
        raise ValueError(f"{name} must be a positive number, not {value!r}")
    return number


class Service(enum.Enum):
    ECONOMY = "economy"
    STANDARD = "standard"
    EXPRESS = "express"


@dataclass(frozen=True)
class Parcel:
    """A box: its three sides in centimetres (any order) and its weight in kilograms.

    >>> Parcel(40, 30, 20, weight_kg="2.2").billable_weight
    Decimal('5.0')
    """

    length_cm: Decimal
    width_cm: Decimal
    height_cm: Decimal
    weight_kg: Decimal

    def __post_init__(self) -> None:
        for name in ("length_cm", "width_cm", "height_cm", "weight_kg"):
            object.__setattr__(self, name, to_decimal(getattr(self, name), name))

    @property
    def sides(self) -> tuple[Decimal, Decimal, Decimal]:
        """The sides, longest first."""
        a, b, c = sorted((self.length_cm, self.width_cm, self.height_cm), reverse=True)
        return a, b, c

    @property
    def longest_side(self) -> Decimal:
        return self.sides[0]

    @property
    def girth(self) -> Decimal:
        """Length plus girth: the longest side plus twice the sum of the other two."""
        longest, middle, shortest = self.sides
        return longest + 2 * (middle + shortest)

    @property
    def volumetric_weight(self) -> Decimal:
        return self.length_cm * self.width_cm * self.height_cm / VOLUMETRIC_DIVISOR

    @property
    def billable_weight(self) -> Decimal:
        """The larger of actual and volumetric weight, rounded up to the next 0.5 kg."""
        weight = max(self.weight_kg, self.volumetric_weight)
        steps = (weight / WEIGHT_STEP).to_integral_value(rounding=ROUND_CEILING)
        return steps * WEIGHT_STEP


@dataclass(frozen=True)
class QuoteLine:
    """The charges for one parcel. `total` is base + oversize + fuel."""

    parcel: Parcel
    billable_weight: Decimal
    base: Decimal
    oversize: Decimal
    fuel: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.oversize + self.fuel


@dataclass(frozen=True)
class Quote:
    """A priced shipment: one line per parcel, plus insurance for the whole shipment."""

    destination: str
    zone: int
    service: Service
    lines: tuple[QuoteLine, ...]
    insurance: Decimal

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0.00")) + self.insurance
