class CellarError(Exception):
    """Base class for everything this package raises."""


class UnknownLot(CellarError, KeyError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"no lot {self.code!r} in the cellar"


class DuplicateLot(CellarError, ValueError):
    def __init__(self, code: str):
        super().__init__(f"lot {code!r} is already in the cellar")
        self.code = code


class CellarFull(CellarError):
    def __init__(self, requested: int, free: int):
        super().__init__(f"room for {free} more bottles, not {requested}")
        self.requested = requested
        self.free = free


class NotEnoughBottles(CellarError):
    def __init__(self, code: str, requested: int, available: int):
        super().__init__(f"lot {code!r} has {available} bottles, {requested} requested")
        self.code = code
        self.requested = requested
        self.available = available


class ParseError(CellarError, ValueError):
    """A cellar file could not be read; `lineno` is 1-based."""

    def __init__(self, lineno: int, message: str):
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno
        self.message = message
