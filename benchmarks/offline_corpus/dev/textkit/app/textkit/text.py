"""Truncating and wrapping plain text on word boundaries."""

from __future__ import annotations


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Shorten `text` to at most `width` characters, ellipsis included.

    Text that already fits is returned unchanged. Otherwise the cut falls on the last word boundary that leaves
    room for the ellipsis; a first word too long to fit is cut hard.
    """
    if width < len(ellipsis):
        raise ValueError("width must leave room for the ellipsis")
    if len(text) <= width:
        return text
    room = width - len(ellipsis)
    # Look one character past the room: if it is a space, the words before it fit whole.
    window = text[: room + 1]
    boundary = window.rfind(" ")
    head = text[:boundary] if boundary > 0 else text[:room]
    return head.rstrip() + ellipsis


def wrap(text: str, width: int) -> list[str]:
    """Break `text` into lines of at most `width` characters, filling each line greedily.

    Runs of whitespace (newlines included) count as one space. A word longer than `width` is split into
    pieces of `width` characters.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines
