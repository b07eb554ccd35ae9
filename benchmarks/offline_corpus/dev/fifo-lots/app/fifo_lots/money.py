from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """Decimal from a Decimal, an int or a numeric string. Floats are refused: they are not exact."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{what} must be a Decimal, int or str, not {type(value).__name__}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value)
        except ArithmeticError:
            raise ValueError(f"{what} is not a number: {value!r}") from None
    else:
        raise TypeError(f"{what} must be a Decimal, int or str, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what} must be finite")
    return result


def cents(value: Decimal) -> Decimal:
    """Round to cents, half up (0.125 -> 0.13)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
