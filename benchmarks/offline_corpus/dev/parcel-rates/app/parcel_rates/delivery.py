"""Delivery date estimates in business days."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from .model import Service
from .rates import check_service, zone_for

CUTOFF = time(15, 0)  # parcels handed in at or after this time leave the next business day

# business days in transit, by service and zone
TRANSIT_DAYS: dict[Service, tuple[int, ...]] = {
    Service.ECONOMY: (3, 5, 6, 8, 12),
    Service.STANDARD: (1, 3, 4, 6, 9),
    Service.EXPRESS: (1, 1, 2, 3),
}


def is_business_day(day: date, holidays: Iterable[date] = ()) -> bool:
    """Monday to Friday, and not one of `holidays`."""
    return day.weekday() < 5 and day not in set(holidays)


def add_business_days(start: date, days: int, holidays: Iterable[date] = ()) -> date:
    """The business day `days` business days after `start` (`start` itself is not counted)."""
    if days < 0:
        raise ValueError("days must not be negative")
    closed = set(holidays)
    current = start
    while days:
        current += timedelta(days=1)
        if is_business_day(current, closed):
            days -= 1
    return current


def dispatch_date(handed_in: datetime, *, holidays: Iterable[date] = ()) -> date:
    """The day a parcel leaves the depot: the same day if it is a business day and before the cutoff, else the next
    business day."""
    closed = set(holidays)
    day = handed_in.date()
    if is_business_day(day, closed) and handed_in.time() < CUTOFF:
        return day
    return add_business_days(day, 1, closed)


def estimate_delivery(
    handed_in: datetime,
    *,
    destination: str,
    service: Service = Service.STANDARD,
    holidays: Iterable[date] = (),
) -> date:
    """The expected delivery day for a parcel handed in at `handed_in` (local depot time)."""
    zone = zone_for(destination)
    check_service(zone, service)
    closed = set(holidays)
    leaves = dispatch_date(handed_in, holidays=closed)
    return add_business_days(leaves, TRANSIT_DAYS[service][zone], closed)
