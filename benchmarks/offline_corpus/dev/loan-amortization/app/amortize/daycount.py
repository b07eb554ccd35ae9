"""Day-count conventions for interest between two dates."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from enum import Enum

from .money import as_decimal, to_cents


class DayCount(Enum):
    """How the fraction of a year between two dates is counted."""

    THIRTY_360 = "30/360"
    """US (NASD) 30/360: every month has 30 days, a year 360."""

    ACTUAL_360 = "ACT/360"
    """Actual days elapsed over a 360-day year."""

    ACTUAL_365 = "ACT/365"
    """Actual days elapsed over a 365-day year (ACT/365 Fixed)."""


def _is_last_of_february(day: date) -> bool:
    return day.month == 2 and day.day == calendar.monthrange(day.year, 2)[1]


def day_count(start: date, end: date, convention: DayCount) -> int:
    """Days between ``start`` and ``end`` under ``convention``."""
    if convention is not DayCount.THIRTY_360:
        return (end - start).days
    d1, d2 = start.day, end.day
    # US rules: the last day of February counts as the 30th when both dates are.
    if _is_last_of_february(start) and _is_last_of_february(end):
        d2 = 30
    if _is_last_of_february(start):
        d1 = 30
    if d2 == 31 and d1 >= 30:
        d2 = 30
    if d1 == 31:
        d1 = 30
    return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1)


def year_fraction(start: date, end: date, *, convention: DayCount = DayCount.ACTUAL_365) -> Decimal:
    """The fraction of a year between two dates; ``end`` must not be before ``start``."""
    if end < start:
        raise ValueError("end is before start")
    basis = 365 if convention is DayCount.ACTUAL_365 else 360
    return Decimal(day_count(start, end, convention)) / basis


def accrued_interest(
    principal: Decimal | int | str,
    annual_rate: Decimal | int | str,
    start: date,
    end: date,
    *,
    convention: DayCount = DayCount.ACTUAL_365,
) -> Decimal:
    """Simple interest on ``principal`` from ``start`` to ``end``, rounded to cents."""
    principal = as_decimal(principal, "principal")
    annual_rate = as_decimal(annual_rate, "annual_rate")
    return to_cents(principal * annual_rate * year_fraction(start, end, convention=convention))
