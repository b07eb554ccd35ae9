"""Decimal helpers. Amounts are kept exact and rounded half-up to cents only for results."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from taxcalc.errors import NegativeAmountError

ZERO = Decimal("0")
CENT = Decimal("0.01")

Amount = Decimal | int | str


def to_decimal(value: Amount, what: str) -> Decimal:
    """Convert ``value`` to an exact Decimal; floats are refused because they are not exact."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{what} must be a Decimal, int or str, not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{what} is not a number: {value!r}") from None
    if not amount.is_finite():
        raise ValueError(f"{what} must be finite: {value!r}")
    if amount < 0:
        raise NegativeAmountError(what, value)
    return amount


def cents(amount: Decimal) -> Decimal:
    """Round to cents, halves away from zero."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
