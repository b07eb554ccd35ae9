"""Errors raised while reading todo.txt text."""

from __future__ import annotations


class TodoSyntaxError(ValueError):
    """A line that is not a valid todo.txt task.

    `line` and `column` are 1-based and point at the offending token.
    """

    def __init__(self, message: str, *, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}: {message}")
        self.message = message
        self.line = line
        self.column = column
