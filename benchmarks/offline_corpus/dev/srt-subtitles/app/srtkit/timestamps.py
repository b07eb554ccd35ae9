"""SubRip timestamps: ``HH:MM:SS,mmm`` to and from integer milliseconds."""

from __future__ import annotations

import re

from .errors import SubtitleError

MS_PER_SECOND = 1000
MS_PER_MINUTE = 60 * MS_PER_SECOND
MS_PER_HOUR = 60 * MS_PER_MINUTE

_TIMESTAMP = re.compile(r"(\d{2,}):(\d{2}):(\d{2}),(\d{3})")


def parse_timestamp(text: str, *, line: int = 1, column: int = 1) -> int:
    """Parse ``"01:02:03,456"`` to milliseconds.

    ``line`` and ``column`` say where ``text`` starts in the document; they are
    only used in the :class:`SubtitleError` raised for a malformed value.
    Minutes and seconds must be below 60; hours may have more than two digits.
    """
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        raise SubtitleError(f"bad timestamp {text!r}", line=line, column=column)
    hours, minutes, seconds, millis = (int(group) for group in match.groups())
    if minutes > 59:
        raise SubtitleError(f"minutes out of range in {text!r}", line=line, column=column + match.start(2))
    if seconds > 59:
        raise SubtitleError(f"seconds out of range in {text!r}", line=line, column=column + match.start(3))
    return hours * MS_PER_HOUR + minutes * MS_PER_MINUTE + seconds * MS_PER_SECOND + millis


def format_timestamp(ms: int) -> str:
    """Format milliseconds as ``HH:MM:SS,mmm``; negative values are rejected."""
    if ms < 0:
        raise ValueError("timestamps cannot be negative")
    hours, rest = divmod(ms, MS_PER_HOUR)
    minutes, rest = divmod(rest, MS_PER_MINUTE)
    seconds, millis = divmod(rest, MS_PER_SECOND)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"
