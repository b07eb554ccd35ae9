class TableError(ValueError):
    """A table that cannot be rendered or parsed.

    ``lineno`` is the 1-based line of the parsed text the problem is on, or None
    when the error is not about a particular line (rendering).
    """

    def __init__(self, message: str, lineno: int | None = None) -> None:
        self.message = message
        self.lineno = lineno
        super().__init__(f"line {lineno}: {message}" if lineno is not None else message)
