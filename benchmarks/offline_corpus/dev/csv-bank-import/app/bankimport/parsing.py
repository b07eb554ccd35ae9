"""Dates and amounts as banks write them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")

# A number with optional, correctly placed thousands separators and an optional fraction.
_POINT_DECIMAL = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:,\d+)?$")


def parse_date(text: str, *, day_first: bool = True) -> dt.date:
    """``2024-03-05`` always; otherwise ``05/03/2024`` (also with ``.`` or ``-``) read day first
    unless ``day_first=False``. Two-digit years are refused."""
    value = text.strip()
    match = _ISO.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _NUMERIC.match(value)
        if not match:
            raise ValueError(f"unrecognised date {text!r}")
        first, second, year = (int(part) for part in match.groups())
        day, month = (first, second) if day_first else (second, first)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"no such date {text!r}") from None


def parse_amount(text: str, *, decimal_comma: bool = False) -> Decimal:
    """``1,234.56`` / ``-12.5`` / ``+3``; with ``decimal_comma=True``, ``1.234,56`` or ``1 234,56``.

    Parentheses mean a negative amount, as in ``(12.00)``. Currency symbols are not accepted.
    """
    value = text.strip()
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip()
    elif value and value[0] in "+-":
        negative, value = value[0] == "-", value[1:].strip()
    if decimal_comma:
        if not _COMMA_DECIMAL.match(value):
            raise ValueError(f"not an amount: {text!r}")
        value = value.replace(".", "").replace(" ", "").replace(",", ".")
    else:
        if not _POINT_DECIMAL.match(value):
            raise ValueError(f"not an amount: {text!r}")
        value = value.replace(",", "")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    return -amount if negative else amount
