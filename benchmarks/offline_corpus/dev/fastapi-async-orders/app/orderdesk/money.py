from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def percent_of(cents: int, percent_hundredths: int) -> int:
    """percent_hundredths is the percentage times 100 (12.5% -> 1250); the result is rounded half up to a cent."""
    return int((Decimal(cents) * percent_hundredths / 10000).to_integral_value(rounding=ROUND_HALF_UP))
