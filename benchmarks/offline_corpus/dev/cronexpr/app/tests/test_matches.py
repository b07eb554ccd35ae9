from datetime import datetime

import pytest

from cronexpr import CronExpression

# 2024-06-03 is a Monday; 2024-06-09 a Sunday.


def test_business_hours_every_quarter_hour():
    expr = CronExpression("*/15 9-17 * * 1-5")
    assert expr.matches(datetime(2024, 6, 3, 9, 0))
    assert expr.matches(datetime(2024, 6, 3, 17, 45))
    assert not expr.matches(datetime(2024, 6, 3, 18, 0))
    assert not expr.matches(datetime(2024, 6, 3, 8, 45))
    assert not expr.matches(datetime(2024, 6, 3, 9, 10))
    assert not expr.matches(datetime(2024, 6, 8, 10, 0))


def test_seconds_are_ignored():
    assert CronExpression("30 12 * * *").matches(datetime(2024, 6, 3, 12, 30, 59, 999))


@pytest.mark.parametrize("weekday", ["0", "7", "sun"])
def test_sunday_matches_under_every_spelling(weekday):
    expr = CronExpression(f"0 10 * * {weekday}")
    assert expr.matches(datetime(2024, 6, 9, 10, 0))
    assert not expr.matches(datetime(2024, 6, 10, 10, 0))


def test_weekdays_follow_the_calendar():
    expr = CronExpression("0 0 * * sat")
    assert expr.matches(datetime(2024, 6, 8))
    assert not expr.matches(datetime(2024, 6, 7))
    assert CronExpression("0 0 * * mon").matches(datetime(2024, 6, 3))


def test_day_of_month_or_day_of_week_when_both_are_restricted():
    expr = CronExpression("0 0 13 * fri")
    assert expr.matches(datetime(2024, 9, 13))  # a Friday the 13th
    assert expr.matches(datetime(2024, 6, 13))  # a Thursday: the day of month matches
    assert expr.matches(datetime(2024, 6, 14))  # a Friday: the weekday matches
    assert not expr.matches(datetime(2024, 6, 12))


def test_only_day_of_month_restricted():
    expr = CronExpression("0 0 13 * *")
    assert expr.matches(datetime(2024, 6, 13))
    assert not expr.matches(datetime(2024, 6, 14))


def test_only_day_of_week_restricted():
    expr = CronExpression("0 0 * * fri")
    assert expr.matches(datetime(2024, 6, 14))
    assert not expr.matches(datetime(2024, 6, 13))


def test_stepped_star_day_of_month_still_means_and():
    expr = CronExpression("0 0 */2 * mon")
    assert expr.matches(datetime(2024, 6, 3))  # day 3, Monday
    assert not expr.matches(datetime(2024, 6, 10))  # Monday, even day
    assert not expr.matches(datetime(2024, 6, 5))  # odd day, Wednesday


def test_month_field():
    expr = CronExpression("0 0 1 feb,aug *")
    assert expr.matches(datetime(2024, 2, 1))
    assert expr.matches(datetime(2024, 8, 1))
    assert not expr.matches(datetime(2024, 3, 1))
    assert not expr.matches(datetime(2024, 1, 1))
