class SeatingError(Exception):
    """Base class for every error raised by the seating package."""


class UnknownSeat(SeatingError, KeyError):
    def __init__(self, seat: str) -> None:
        super().__init__(seat)
        self.seat = seat

    def __str__(self) -> str:
        return f"unknown seat {self.seat!r}"


class SeatUnavailable(SeatingError):
    def __init__(self, seats) -> None:
        self.seats = tuple(seats)
        super().__init__(f"seats not available: {', '.join(self.seats)}")


class TooManySeats(SeatingError, ValueError):
    def __init__(self, requested: int, limit: int) -> None:
        self.requested = requested
        self.limit = limit
        super().__init__(f"{requested} seats requested, at most {limit} per hold")


class HoldError(SeatingError):
    """The hold does not exist, was released, or has expired."""
