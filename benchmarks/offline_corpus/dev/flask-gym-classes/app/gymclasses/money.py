from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def parse_amount(value, *, allow_zero=False) -> Decimal:
    """A money amount from a JSON string like "12.50": at most two decimals, positive (or zero if allowed)."""
    if not isinstance(value, str):
        raise ValueError("amount must be a string such as \"12.50\"")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError("amount is not a number") from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise ValueError("amount has more than two decimals")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValueError("amount must be positive")
    return amount.quantize(CENT)


def share(amount: Decimal, fraction: str) -> Decimal:
    return (amount * Decimal(fraction)).quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(amount: Decimal) -> str:
    return str(Decimal(amount).quantize(CENT))
