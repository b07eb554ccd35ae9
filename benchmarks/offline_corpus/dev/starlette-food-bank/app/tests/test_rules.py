from datetime import date, datetime

import pytest

from foodbank.rules import CATALOGUE, price, week_bounds, weekly_allowance


@pytest.mark.parametrize("size, points", [(1, 10), (2, 15), (4, 25), (7, 40), (8, 40), (12, 40)])
def test_weekly_allowance(size, points):
    assert weekly_allowance(size) == points


@pytest.mark.parametrize("day", [date(2027, 6, 7), date(2027, 6, 9), date(2027, 6, 13)])
def test_weeks_run_monday_to_sunday(day):
    assert week_bounds(day) == (datetime(2027, 6, 7), datetime(2027, 6, 14))


def test_next_monday_starts_a_new_week():
    assert week_bounds(date(2027, 6, 14))[0] == datetime(2027, 6, 14)


def test_price():
    assert price([{"item": "rice", "qty": 2}, {"item": "nappies"}, {"item": "fresh-veg", "qty": 5}], CATALOGUE) == (
        8,
        {},
    )


def test_price_problems():
    total, problems = price([{"item": "caviar"}, {"item": "rice", "qty": 11}, {"item": "rice", "qty": 0},
                             {"item": "pasta", "qty": True}], CATALOGUE)
    assert set(problems) == {"items[0].item", "items[1].qty", "items[2].qty", "items[3].qty"}
