"""The allowance rules agreed with the sites.

A household may take a number of points of food per week (Monday to Sunday): 10 for the first person and 5 for
each further person, at most 40. Each item in the catalogue costs points; fresh vegetables are free.
"""

from datetime import date, datetime, time, timedelta

BASE_POINTS = 10
POINTS_PER_EXTRA_PERSON = 5
MAX_POINTS = 40
MAX_HOUSEHOLD_SIZE = 12
MAX_QUANTITY = 10
UNDO_WINDOW = timedelta(minutes=15)

CATALOGUE = {
    "rice": 2,
    "pasta": 2,
    "tinned-beans": 1,
    "tinned-fish": 2,
    "cereal": 2,
    "uht-milk": 1,
    "nappies": 4,
    "toiletries": 3,
    "fresh-veg": 0,
}

# status -> the statuses it may move to
TRANSITIONS = {
    "active": {"suspended", "closed"},
    "suspended": {"active", "closed"},
    "closed": set(),
}


def weekly_allowance(size: int) -> int:
    return min(BASE_POINTS + POINTS_PER_EXTRA_PERSON * (size - 1), MAX_POINTS)


def week_bounds(day: date) -> tuple[datetime, datetime]:
    """Start (Monday 00:00) and end (the next Monday 00:00) of the week holding `day`, naive UTC."""
    monday = day - timedelta(days=day.weekday())
    start = datetime.combine(monday, time())
    return start, start + timedelta(days=7)


def price(items: list[dict], catalogue: dict[str, int]) -> tuple[int, dict[str, str]]:
    """Total points of a basket and a problem per bad line (empty when the basket is fine)."""
    problems: dict[str, str] = {}
    total = 0
    for i, line in enumerate(items):
        item, qty = line.get("item"), line.get("qty", 1)
        if item not in catalogue:
            problems[f"items[{i}].item"] = f"unknown item {item!r}"
            continue
        if isinstance(qty, bool) or not isinstance(qty, int) or not 1 <= qty <= MAX_QUANTITY:
            problems[f"items[{i}].qty"] = f"a whole number from 1 to {MAX_QUANTITY}"
            continue
        total += catalogue[item] * qty
    return total, problems
