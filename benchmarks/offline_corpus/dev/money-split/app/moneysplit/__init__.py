"""Exact money amounts.

    >>> from moneysplit import Money
    >>> bill = Money("100.00", "USD")
    >>> [str(part) for part in bill.split(3)]
    ['33.34 USD', '33.33 USD', '33.33 USD']
"""

from .currencies import CURRENCIES, minor_units, normalise_code
from .errors import CurrencyMismatch, MissingRate, MoneyError, UnknownCurrency
from .money import Money
from .rates import RateTable

__all__ = [
    "CURRENCIES",
    "CurrencyMismatch",
    "MissingRate",
    "Money",
    "MoneyError",
    "RateTable",
    "UnknownCurrency",
    "minor_units",
    "normalise_code",
]
