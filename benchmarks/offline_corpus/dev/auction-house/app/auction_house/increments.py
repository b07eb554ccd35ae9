"""Bid increment tables: how much a bid must beat the current price by."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

# (price below which the band applies, increment). The last band has no upper bound.
DEFAULT_INCREMENTS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal("1.00"), Decimal("0.05")),
    (Decimal("5.00"), Decimal("0.25")),
    (Decimal("25.00"), Decimal("0.50")),
    (Decimal("100.00"), Decimal("1.00")),
    (Decimal("250.00"), Decimal("2.50")),
    (Decimal("1000.00"), Decimal("10.00")),
    (None, Decimal("25.00")),
)


def increment_for(price: Decimal, table: Sequence[tuple[Decimal | None, Decimal]] = DEFAULT_INCREMENTS) -> Decimal:
    """The increment that applies at `price`.

    Each band covers prices from the previous band's bound (inclusive) up to its own bound (exclusive),
    so at exactly 5.00 the 25.00 band's increment (0.50) applies.

    >>> increment_for(Decimal("4.99"))
    Decimal('0.25')
    >>> increment_for(Decimal("5.00"))
    Decimal('0.50')
    """
    for upper, step in table:
        if upper is None or price < upper:
            return step
    raise ValueError("the increment table needs an open-ended last band (upper bound None)")
