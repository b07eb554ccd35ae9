"""Parse and format durations written like "1h30m", "90s" or "2d 4h"."""

import re
from datetime import timedelta
from decimal import Decimal, InvalidOperation

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY

# Largest first: this is also the order components must appear in, and the order they are formatted in.
UNITS = {"w": WEEK, "d": DAY, "h": HOUR, "m": MINUTE, "s": 1}

_COMPONENT = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*")


def parse_duration(text: str) -> int:
    """Return the number of seconds in `text`, e.g. ``parse_duration("1h30m") == 5400``.

    A duration is one or more components, each a number and a unit (w, d, h, m, s), largest unit first, each unit
    at most once, optionally separated by spaces. Numbers may have a fractional part ("1.5h") as long as the whole
    duration comes to a whole number of seconds.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a string, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty duration")

    total = Decimal(0)
    seen: list[str] = []
    position = 0
    while position < len(text):
        match = _COMPONENT.match(text, position)
        if match is None:
            raise ValueError(f"invalid duration {text!r}: cannot read {text[position:].strip()!r}")
        number, unit = match.group(1), match.group(2).lower()
        if unit not in UNITS:
            raise ValueError(f"invalid duration {text!r}: unknown unit {unit!r}")
        if unit in seen:
            raise ValueError(f"invalid duration {text!r}: unit {unit!r} given twice")
        if seen and UNITS[unit] > UNITS[seen[-1]]:
            raise ValueError(f"invalid duration {text!r}: {unit!r} must come before {seen[-1]!r}")
        seen.append(unit)
        try:
            total += Decimal(number) * UNITS[unit]
        except InvalidOperation:  # pragma: no cover - the regex only lets digits through
            raise ValueError(f"invalid duration {text!r}: bad number {number!r}") from None
        position = match.end()

    if total != total.to_integral_value():
        raise ValueError(f"invalid duration {text!r}: not a whole number of seconds")
    return int(total)


def parse_timedelta(text: str) -> timedelta:
    """Like `parse_duration`, as a `datetime.timedelta`."""
    return timedelta(seconds=parse_duration(text))


def format_duration(value: int | timedelta) -> str:
    """The shortest text for `value` (seconds or a timedelta) that `parse_duration` reads back.

    ``format_duration(5400) == "1h30m"``, ``format_duration(0) == "0s"``. Negative durations and fractions of a
    second cannot be written and raise ValueError.
    """
    if isinstance(value, timedelta):
        if value.microseconds:
            raise ValueError(f"cannot format a fraction of a second: {value!r}")
        seconds = value.days * DAY + value.seconds
    elif isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected seconds as an int or a timedelta, got {type(value).__name__}")
    else:
        seconds = value
    if seconds < 0:
        raise ValueError(f"cannot format a negative duration: {seconds}")
    if seconds == 0:
        return "0s"

    parts = []
    for unit, size in UNITS.items():
        if seconds >= size:
            count, seconds = divmod(seconds, size)
            parts.append(f"{count}{unit}")
    return "".join(parts)
