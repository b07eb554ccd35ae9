from datetime import date
from decimal import Decimal

import pytest

from amortize import DayCount, accrued_interest, day_count, year_fraction


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2024, 1, 15), date(2024, 3, 15), 60),
        (date(2024, 1, 31), date(2024, 3, 31), 60),
        (date(2024, 1, 30), date(2024, 3, 31), 60),
        (date(2024, 1, 15), date(2024, 3, 31), 76),
        (date(2023, 2, 28), date(2024, 2, 29), 360),
        (date(2024, 2, 29), date(2024, 3, 31), 30),
        (date(2024, 2, 28), date(2024, 3, 28), 30),
        (date(2023, 12, 31), date(2024, 12, 31), 360),
    ],
)
def test_thirty_360(start, end, days):
    assert day_count(start, end, DayCount.THIRTY_360) == days


@pytest.mark.parametrize("convention", [DayCount.ACTUAL_360, DayCount.ACTUAL_365])
def test_actual_days(convention):
    assert day_count(date(2024, 1, 1), date(2024, 3, 1), convention) == 60
    assert day_count(date(2023, 1, 1), date(2023, 3, 1), convention) == 59


def test_convention_values():
    assert DayCount("30/360") is DayCount.THIRTY_360
    assert DayCount.ACTUAL_365.value == "ACT/365"


def test_year_fraction():
    start, end = date(2024, 1, 1), date(2024, 7, 1)
    assert year_fraction(start, end) == Decimal(182) / 365
    assert year_fraction(start, end, convention=DayCount.ACTUAL_360) == Decimal(182) / 360
    assert year_fraction(start, end, convention=DayCount.THIRTY_360) == Decimal("0.5")
    assert year_fraction(start, start) == 0


def test_year_fraction_rejects_reversed_dates():
    with pytest.raises(ValueError):
        year_fraction(date(2024, 2, 1), date(2024, 1, 31))


def test_accrued_interest_by_convention():
    start, end = date(2024, 1, 1), date(2024, 7, 1)
    assert accrued_interest(10000, "0.05", start, end) == Decimal("249.32")
    assert accrued_interest(10000, "0.05", start, end, convention=DayCount.ACTUAL_360) == Decimal("252.78")
    assert accrued_interest(10000, "0.05", start, end, convention=DayCount.THIRTY_360) == Decimal("250.00")


def test_accrued_interest_rounds_half_up():
    # 36.50 at 1 % for 5 days is exactly half a cent
    assert accrued_interest("36.5", "0.01", date(2024, 1, 1), date(2024, 1, 6)) == Decimal("0.01")


def test_accrued_interest_refuses_floats():
    with pytest.raises(TypeError):
        accrued_interest(100.0, "0.05", date(2024, 1, 1), date(2024, 2, 1))
