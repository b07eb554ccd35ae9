from __future__ import annotations

from collections.abc import Sequence


def as_lines(text: str | Sequence[str]) -> list[str]:
    """Lines without their endings. A string is split on line boundaries; a sequence is taken as lines."""
    if isinstance(text, str):
        return text.splitlines()
    return [line.rstrip("\r\n") for line in text]
