"""The units this library knows: symbol -> (dimension, size in the dimension's base unit).

Base units are the metre, the gram and the second. The imperial factors are the exact
international definitions (1 in = 25.4 mm, 1 lb = 453.59237 g).
"""

from decimal import Decimal
from typing import NamedTuple

from .errors import UnitError

LENGTH = "length"
MASS = "mass"
TIME = "time"


class Unit(NamedTuple):
    symbol: str
    dimension: str
    factor: Decimal


def _table(*rows: tuple[str, str, str]) -> dict[str, Unit]:
    return {symbol: Unit(symbol, dimension, Decimal(factor)) for symbol, dimension, factor in rows}


UNITS: dict[str, Unit] = _table(
    ("mm", LENGTH, "0.001"),
    ("cm", LENGTH, "0.01"),
    ("m", LENGTH, "1"),
    ("km", LENGTH, "1000"),
    ("in", LENGTH, "0.0254"),
    ("ft", LENGTH, "0.3048"),
    ("mi", LENGTH, "1609.344"),
    ("g", MASS, "1"),
    ("kg", MASS, "1000"),
    ("lb", MASS, "453.59237"),
    ("oz", MASS, "28.349523125"),
    ("s", TIME, "1"),
    ("min", TIME, "60"),
    ("h", TIME, "3600"),
)


def lookup(symbol: str) -> Unit:
    """The unit for `symbol` (case-sensitive: "m" is the metre, "M" is nothing)."""
    try:
        return UNITS[symbol]
    except (KeyError, TypeError):
        raise UnitError(f"unknown unit {symbol!r}") from None


def dimension_of(symbol: str) -> str:
    return lookup(symbol).dimension
