"""Stock reservations with a time-to-live and an event log."""

from .errors import (
    InsufficientStock,
    InvalidQuantity,
    InvalidState,
    ReservationError,
    ReservationExpired,
    UnknownReservation,
    UnknownSku,
)
from .models import Event, EventKind, Reservation, Status
from .warehouse import Warehouse

__all__ = [
    "Event",
    "EventKind",
    "InsufficientStock",
    "InvalidQuantity",
    "InvalidState",
    "Reservation",
    "ReservationError",
    "ReservationExpired",
    "Status",
    "UnknownReservation",
    "UnknownSku",
    "Warehouse",
]
