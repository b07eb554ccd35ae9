class HeaderError(ValueError):
    """The header row cannot be understood; nothing can be imported."""


class RowError(ValueError):
    """One line of the statement could not be imported.

    Collected in ``ImportReport.errors``, or raised at once with ``strict=True``.
    """

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RowError):
            return NotImplemented
        return (self.line, self.message) == (other.line, other.message)

    def __hash__(self) -> int:
        return hash((self.line, self.message))
