"""Model a coin-operated vending machine: stock, credit, change and service mode."""

from .change import Coin, make_change, total
from .errors import (
    ExactChangeRequired,
    InsufficientCredit,
    InvalidCoin,
    MachineLocked,
    SlotFull,
    SoldOut,
    UnknownSlot,
    VendingError,
    WrongPin,
)
from .machine import MAX_CREDIT, Product, Sale, Slot, VendingMachine

__all__ = [
    "MAX_CREDIT",
    "Coin",
    "ExactChangeRequired",
    "InsufficientCredit",
    "InvalidCoin",
    "MachineLocked",
    "Product",
    "Sale",
    "Slot",
    "SlotFull",
    "SoldOut",
    "UnknownSlot",
    "VendingError",
    "VendingMachine",
    "WrongPin",
    "make_change",
    "total",
]
