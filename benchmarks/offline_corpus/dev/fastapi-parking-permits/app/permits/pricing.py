"""Zone rates, permit length rules and refunds. All money is in integer cents."""

from __future__ import annotations

from datetime import date, timedelta

ZONE_RATES = {"A": 375, "B": 260, "C": 145}
MAX_DAYS = 30
MAX_LEAD_DAYS = 60
WEEKLY_DISCOUNT_PERCENT = 10
WEEKLY_DISCOUNT_FROM_DAYS = 7


class PermitRuleError(ValueError):
    """A permit request breaks one of the length or date rules."""


def permit_days(starts_on: date, ends_on: date) -> int:
    """Number of days a permit covers; both ends are included."""
    return (ends_on - starts_on).days + 1


def check_dates(starts_on: date, ends_on: date, today: date) -> int:
    if ends_on < starts_on:
        raise PermitRuleError("ends_on must not be before starts_on")
    if starts_on < today:
        raise PermitRuleError("starts_on must not be in the past")
    if starts_on > today + timedelta(days=MAX_LEAD_DAYS):
        raise PermitRuleError(f"starts_on must be within {MAX_LEAD_DAYS} days")
    days = permit_days(starts_on, ends_on)
    if days > MAX_DAYS:
        raise PermitRuleError(f"a permit covers at most {MAX_DAYS} days")
    return days


def price_cents(zone: str, days: int) -> int:
    total = ZONE_RATES[zone] * days
    if days >= WEEKLY_DISCOUNT_FROM_DAYS:
        # round the discount half up to the cent
        discount = (total * WEEKLY_DISCOUNT_PERCENT + 50) // 100
        total -= discount
    return total


def refund_cents(price: int, starts_on: date, ends_on: date, today: date) -> int:
    """Refund for the days not yet begun; today counts as used."""
    days = permit_days(starts_on, ends_on)
    if today < starts_on:
        return price
    unused = (ends_on - today).days
    if unused <= 0:
        return 0
    return price * unused // days
