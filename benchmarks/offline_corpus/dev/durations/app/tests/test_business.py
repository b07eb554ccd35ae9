from datetime import date

import pytest

from durations import add_business_days, business_days_between
from durations.business import is_business_day

# November 2026: the 2nd is a Monday, the 6th a Friday, the 7th and 8th a weekend.
MONDAY = date(2026, 11, 2)
WEDNESDAY = date(2026, 11, 4)
FRIDAY = date(2026, 11, 6)
SATURDAY = date(2026, 11, 7)
SUNDAY = date(2026, 11, 8)
NEXT_MONDAY = date(2026, 11, 9)


def test_is_business_day():
    assert is_business_day(MONDAY)
    assert is_business_day(FRIDAY)
    assert not is_business_day(SATURDAY)
    assert not is_business_day(SUNDAY)
    assert not is_business_day(WEDNESDAY, holidays={WEDNESDAY})


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (MONDAY, 1, date(2026, 11, 3)),
        (MONDAY, 4, FRIDAY),
        (MONDAY, 5, NEXT_MONDAY),
        (FRIDAY, 1, NEXT_MONDAY),
        (SATURDAY, 1, NEXT_MONDAY),
        (SUNDAY, 1, NEXT_MONDAY),
        (WEDNESDAY, 10, date(2026, 11, 18)),
        (NEXT_MONDAY, -1, FRIDAY),
        (SUNDAY, -1, FRIDAY),
        (FRIDAY, -4, MONDAY),
        (FRIDAY, -5, date(2026, 10, 30)),
    ],
)
def test_add_business_days(start, days, expected):
    assert add_business_days(start, days) == expected


@pytest.mark.parametrize("start", [MONDAY, SATURDAY])
def test_adding_zero_returns_the_start(start):
    assert add_business_days(start, 0) == start


def test_add_business_days_skips_holidays():
    thanksgiving = date(2026, 11, 26)
    assert add_business_days(date(2026, 11, 25), 1, holidays={thanksgiving}) == date(2026, 11, 27)
    assert add_business_days(date(2026, 11, 25), 2, holidays=[thanksgiving]) == date(2026, 11, 30)


def test_subtracting_business_days_skips_holidays():
    assert add_business_days(NEXT_MONDAY, -1, holidays={FRIDAY}) == date(2026, 11, 5)
    assert add_business_days(NEXT_MONDAY, -1, holidays={FRIDAY, date(2026, 11, 5)}) == WEDNESDAY


def test_a_holiday_on_a_weekend_changes_nothing():
    assert add_business_days(FRIDAY, 1, holidays={SATURDAY}) == NEXT_MONDAY


def test_add_business_days_needs_an_int():
    with pytest.raises(TypeError):
        add_business_days(MONDAY, 1.5)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (MONDAY, MONDAY, 0),
        (MONDAY, FRIDAY, 4),
        (FRIDAY, NEXT_MONDAY, 1),
        (FRIDAY, SUNDAY, 0),
        (MONDAY, date(2026, 11, 30), 20),
    ],
)
def test_business_days_between(start, end, expected):
    assert business_days_between(start, end) == expected


def test_business_days_between_skips_holidays():
    assert business_days_between(MONDAY, FRIDAY, holidays={WEDNESDAY}) == 3


def test_business_days_between_inverts_add_business_days():
    for days in range(0, 30):
        end = add_business_days(MONDAY, days)
        assert business_days_between(MONDAY, end) == days


def test_business_days_between_rejects_end_before_start():
    with pytest.raises(ValueError, match="end 2026-11-02 is before start 2026-11-06"):
        business_days_between(FRIDAY, MONDAY)
