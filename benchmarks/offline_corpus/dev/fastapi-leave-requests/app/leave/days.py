"""Working-day arithmetic. Weekends are Saturday and Sunday; there is no holiday calendar yet."""

from __future__ import annotations

from datetime import date, timedelta


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def working_days(start: date, end: date) -> int:
    """Working days from `start` to `end`, both included. 0 when `end` is before `start`."""
    if end < start:
        return 0
    count = 0
    day = start
    while day <= end:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count
