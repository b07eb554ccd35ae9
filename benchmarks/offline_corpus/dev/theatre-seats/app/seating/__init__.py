from .errors import HoldError, SeatingError, SeatUnavailable, TooManySeats, UnknownSeat
from .seatmap import Hold, SeatMap

__all__ = [
    "Hold",
    "HoldError",
    "SeatMap",
    "SeatUnavailable",
    "SeatingError",
    "TooManySeats",
    "UnknownSeat",
]
