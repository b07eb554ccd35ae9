"""Business-day arithmetic: Monday to Friday, minus an optional set of holidays."""

from collections.abc import Iterable
from datetime import date, timedelta

SATURDAY = 5


def is_business_day(day: date, holidays: Iterable[date] = ()) -> bool:
    """True for Monday to Friday unless `day` is one of `holidays`."""
    return day.weekday() < SATURDAY and day not in set(holidays)


def add_business_days(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """The date `days` business days after `start` (before it when `days` is negative).

    `start` itself is never counted: one business day after a Friday is the next Monday, and one business day after
    a Saturday is also that Monday. Adding zero returns `start` unchanged, even on a weekend.
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError(f"days must be an int, got {type(days).__name__}")
    closed = set(holidays)
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    current = start
    while remaining:
        current += step
        if is_business_day(current, closed):
            remaining -= 1
    return current


def business_days_between(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    """How many business days lie after `start` up to and including `end`.

    ``add_business_days(start, business_days_between(start, end))`` is `end` whenever `end` is a business day.
    Raises ValueError when `end` is before `start`.
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    closed = set(holidays)
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_business_day(current, closed):
            count += 1
    return count
