"""Exceptions raised by the vending machine.

Every error the machine raises on purpose subclasses :class:`VendingError`, so a
front panel can catch that one class and show ``str(error)`` to the customer.
"""


class VendingError(Exception):
    """Base class for every error raised by :mod:`vending`."""


class InvalidCoin(VendingError):
    """The machine does not accept this coin (or it would exceed the credit limit)."""


class UnknownSlot(VendingError):
    """No slot has this code."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no slot {code!r}")
        self.code = code


class SoldOut(VendingError):
    """The slot is empty."""

    def __init__(self, code: str) -> None:
        super().__init__(f"slot {code} is sold out")
        self.code = code


class InsufficientCredit(VendingError):
    """The credit does not cover the price; ``shortfall`` is the missing amount in cents."""

    def __init__(self, shortfall: int) -> None:
        super().__init__(f"insert {shortfall} more cents")
        self.shortfall = shortfall


class ExactChangeRequired(VendingError):
    """The coin box cannot pay the change back; nothing was sold."""


class SlotFull(VendingError):
    """Restocking would go over the slot's capacity."""


class MachineLocked(VendingError):
    """The machine is in service mode and does not sell."""


class WrongPin(VendingError):
    """The service PIN does not match."""
