"""The loyalty discount rule: pure arithmetic on the customer's history, no I/O."""

from __future__ import annotations


def loyalty_discount_percent(orders_last_year: int, years_as_customer: int, is_employee: bool) -> int:
    if orders_last_year < 0 or years_as_customer < 0:
        raise ValueError("counts cannot be negative")
    if is_employee:
        return 30
    percent = 0
    if orders_last_year >= 10:
        percent += 5
    if orders_last_year >= 25:
        percent += 5
    percent += min(years_as_customer, 5)
    return min(percent, 15)
