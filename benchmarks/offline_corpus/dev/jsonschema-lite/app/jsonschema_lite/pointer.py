"""JSON pointers (RFC 6901) for error paths."""

from __future__ import annotations

from collections.abc import Iterable


def escape_token(token: str | int) -> str:
    """Escape one reference token: ``~`` becomes ``~0`` and ``/`` becomes ``~1``.

    The order matters: escaping ``/`` first would turn the ``~`` of ``~1`` into ``~01``.
    """
    text = str(token)
    return text.replace("~", "~0").replace("/", "~1")


def to_pointer(tokens: Iterable[str | int]) -> str:
    """The pointer for a sequence of member names and array indexes; ``""`` for the root."""
    return "".join("/" + escape_token(token) for token in tokens)
