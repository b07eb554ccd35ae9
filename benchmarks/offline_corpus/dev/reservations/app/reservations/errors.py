"""Exceptions raised by :class:`reservations.Warehouse`."""


class ReservationError(Exception):
    """Base class for everything the warehouse refuses."""


class InvalidQuantity(ReservationError, ValueError):
    """A quantity or a time-to-live that is not a positive number."""


class UnknownSku(ReservationError, KeyError):
    """The SKU has never been stocked."""

    def __init__(self, sku: str) -> None:
        super().__init__(sku)
        self.sku = sku

    def __str__(self) -> str:
        return f"unknown SKU: {self.sku}"


class UnknownReservation(ReservationError, KeyError):
    """No reservation has this id."""

    def __init__(self, reservation_id: str) -> None:
        super().__init__(reservation_id)
        self.reservation_id = reservation_id

    def __str__(self) -> str:
        return f"unknown reservation: {self.reservation_id}"


class InsufficientStock(ReservationError):
    """More was asked for than is available (on hand minus live holds)."""

    def __init__(self, sku: str, requested: int, available: int) -> None:
        super().__init__(f"cannot reserve {requested} x {sku}: only {available} available")
        self.sku = sku
        self.requested = requested
        self.available = available


class ReservationExpired(ReservationError):
    """The hold ran out before it was committed or extended."""

    def __init__(self, reservation_id: str, expired_at: float) -> None:
        super().__init__(f"reservation {reservation_id} expired at {expired_at}")
        self.reservation_id = reservation_id
        self.expired_at = expired_at


class InvalidState(ReservationError):
    """The reservation was already committed or released."""
