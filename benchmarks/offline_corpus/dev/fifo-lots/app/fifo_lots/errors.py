class InventoryError(Exception):
    """Base class of this package's errors (bad arguments raise ValueError / TypeError)."""


class InsufficientStock(InventoryError):
    """An issue asked for more units than are on hand. Nothing was changed."""

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"{sku}: {requested} requested, {available} on hand")
        self.sku = sku
        self.requested = requested
        self.available = available
