"""Pure helpers for reading shift lengths and shift times written by people."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_DURATION_PART = re.compile(r"(\d+)\s*([hm])", re.IGNORECASE)
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_duration(text: str) -> timedelta:
    """Read "8h", "7h30m", "45m" or "1h 15m" (hours before minutes) as a timedelta.

    Minutes must be below 60 when hours are given; the result must be longer than zero.
    """
    cleaned = text.strip().lower()
    if not cleaned:
        raise ValueError("empty duration")
    pos = 0
    hours = minutes = None
    for match in _DURATION_PART.finditer(cleaned):
        if cleaned[pos:match.start()].strip():
            raise ValueError(f"invalid duration: {text!r}")
        value, unit = int(match.group(1)), match.group(2)
        if unit == "h":
            if hours is not None or minutes is not None:
                raise ValueError(f"invalid duration: {text!r}")
            hours = value
        else:
            if minutes is not None:
                raise ValueError(f"invalid duration: {text!r}")
            minutes = value
        pos = match.end()
    if cleaned[pos:].strip() or (hours is None and minutes is None):
        raise ValueError(f"invalid duration: {text!r}")
    if hours is not None and minutes is not None and minutes >= 60:
        raise ValueError(f"minutes out of range: {text!r}")
    total = timedelta(hours=hours or 0, minutes=minutes or 0)
    if total <= timedelta(0):
        raise ValueError("duration must be positive")
    return total


def format_duration(value: timedelta) -> str:
    """The shortest form parse_duration reads back: "8h", "7h30m", "45m"."""
    minutes = int(value.total_seconds() // 60)
    if minutes <= 0:
        raise ValueError("duration must be positive")
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    if not rest:
        return f"{hours}h"
    return f"{hours}h{rest}m"


def _clock(text: str) -> time:
    match = _CLOCK.match(text.strip())
    if not match:
        raise ValueError(f"invalid time: {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def parse_time_range(text: str, day: date) -> tuple[datetime, datetime]:
    """Read "09:00-17:30" on `day` as (start, end).

    An end at or before the start is on the next day ("22:00-06:00" is a night shift); "08:00-08:00" is refused.
    """
    if text.count("-") != 1:
        raise ValueError(f"invalid time range: {text!r}")
    left, right = text.split("-")
    start_time, end_time = _clock(left), _clock(right)
    if start_time == end_time:
        raise ValueError("a shift cannot start and end at the same time")
    start = datetime.combine(day, start_time)
    end = datetime.combine(day, end_time)
    if end < start:
        end += timedelta(days=1)
    return start, end
