"""ISO 4217 currencies and how many minor units (decimal places) each has."""

from __future__ import annotations

from .errors import UnknownCurrency

CURRENCIES: dict[str, int] = {
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "CHF": 2,
    "SEK": 2,
    "JPY": 0,
    "KRW": 0,
    "KWD": 3,
    "BHD": 3,
}


def normalise_code(code: object) -> str:
    """The upper-case ISO code; ``UnknownCurrency`` for anything not in the table."""
    if not isinstance(code, str):
        raise UnknownCurrency(code)
    upper = code.strip().upper()
    if upper not in CURRENCIES:
        raise UnknownCurrency(code)
    return upper


def minor_units(code: str) -> int:
    return CURRENCIES[normalise_code(code)]
