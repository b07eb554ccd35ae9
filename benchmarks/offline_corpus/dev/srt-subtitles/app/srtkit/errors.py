"""The error raised for malformed subtitle documents."""


class SubtitleError(ValueError):
    """A problem in an .srt document, located by 1-based ``line`` and ``column``."""

    def __init__(self, message: str, *, line: int, column: int = 1) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column
