"""Turning values into cell text and back."""

from __future__ import annotations

from decimal import Decimal
from numbers import Number

LEFT, RIGHT, CENTER = "left", "right", "center"
ALIGNMENTS = (LEFT, RIGHT, CENTER)

# A separator cell has at least this many dashes and colons together.
MIN_WIDTH = 3


def is_number(value: object) -> bool:
    """Numbers are right-aligned by default; booleans are not numbers here."""
    return isinstance(value, (Number, Decimal)) and not isinstance(value, bool)


def to_text(value: object) -> str:
    """The text of a cell: None is empty, newlines become <br>, pipes are escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return escape(text)


def escape(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "<br>").replace("|", "\\|")


def unescape(text: str) -> str:
    return text.replace("\\|", "|").replace("<br>", "\n")


def pad(text: str, width: int, align: str) -> str:
    gap = width - len(text)
    if gap <= 0:
        return text
    if align == RIGHT:
        return " " * gap + text
    if align == CENTER:
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def separator(width: int, align: str) -> str:
    if align == RIGHT:
        return "-" * (width - 1) + ":"
    if align == CENTER:
        return ":" + "-" * (width - 2) + ":"
    return ":" + "-" * (width - 1)


def split_row(line: str) -> list[str]:
    """Split a table line on unescaped pipes; the outer pipes are optional."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line) and line[i + 1] == "|":
            current.append("\\|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current))
    return [cell.strip() for cell in cells]
