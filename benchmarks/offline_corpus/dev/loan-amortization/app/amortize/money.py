"""Decimal helpers shared by the package."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    """Round to whole cents, half away from zero (the way lenders print statements)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def as_decimal(value: Decimal | int | str, name: str) -> Decimal:
    """Accept Decimal, int or a numeric string; refuse floats, which are not exact."""
    if isinstance(value, float):
        raise TypeError(f"{name} must be a Decimal, int or str, not float")
    try:
        return Decimal(value)
    except ArithmeticError:
        raise ValueError(f"{name} is not a number: {value!r}") from None
