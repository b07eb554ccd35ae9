from cellar.book import Cellar
from cellar.errors import (
    CellarError,
    CellarFull,
    DuplicateLot,
    NotEnoughBottles,
    ParseError,
    UnknownLot,
)
from cellar.fileformat import dumps, loads
from cellar.model import Colour, Lot

__all__ = [
    "Cellar",
    "CellarError",
    "CellarFull",
    "Colour",
    "DuplicateLot",
    "Lot",
    "NotEnoughBottles",
    "ParseError",
    "UnknownLot",
    "dumps",
    "loads",
]
