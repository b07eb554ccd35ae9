"""FIFO inventory costing.

    >>> from datetime import date
    >>> from fifo_lots import Inventory
    >>> inv = Inventory()
    >>> first = inv.receive("WIDGET", 10, "2.50", date(2024, 1, 2))
    >>> second = inv.receive("WIDGET", 10, "3.00", date(2024, 1, 9))
    >>> inv.issue("WIDGET", 12, date(2024, 1, 10))
    Decimal('31.00')
    >>> inv.on_hand("WIDGET"), inv.value("WIDGET")
    (8, Decimal('24.00'))
"""

from .errors import InsufficientStock, InventoryError
from .inventory import Inventory, Lot, Movement

__all__ = ["InsufficientStock", "Inventory", "InventoryError", "Lot", "Movement"]
