from datetime import datetime, timezone

import pytest

from cronexpr import CronError, CronExpression


def test_next_is_strictly_after_a_matching_minute():
    expr = CronExpression("*/15 * * * *")
    assert expr.next_after(datetime(2024, 6, 3, 9, 15)) == datetime(2024, 6, 3, 9, 30)


def test_next_drops_seconds_and_microseconds():
    expr = CronExpression("* * * * *")
    assert expr.next_after(datetime(2024, 6, 3, 9, 15, 42, 123)) == datetime(2024, 6, 3, 9, 16)


def test_next_later_the_same_hour():
    assert CronExpression("45 * * * *").next_after(datetime(2024, 6, 3, 9, 10)) == datetime(2024, 6, 3, 9, 45)


def test_next_crosses_into_the_next_hour():
    assert CronExpression("5 * * * *").next_after(datetime(2024, 6, 3, 9, 10)) == datetime(2024, 6, 3, 10, 5)


def test_next_at_a_later_hour_the_same_day():
    assert CronExpression("0 9 * * *").next_after(datetime(2024, 6, 3, 8, 30)) == datetime(2024, 6, 3, 9, 0)
    assert CronExpression("30 14 * * *").next_after(datetime(2024, 6, 3, 9, 45)) == datetime(2024, 6, 3, 14, 30)


def test_next_crosses_midnight():
    assert CronExpression("0 9 * * *").next_after(datetime(2024, 6, 3, 9, 0)) == datetime(2024, 6, 4, 9, 0)


def test_next_business_day_skips_the_weekend():
    expr = CronExpression("*/15 9-17 * * 1-5")
    assert expr.next_after(datetime(2024, 6, 7, 17, 45)) == datetime(2024, 6, 10, 9, 0)


def test_next_crosses_month_and_year_ends():
    assert CronExpression("0 0 1 * *").next_after(datetime(2024, 1, 31, 12, 0)) == datetime(2024, 2, 1)
    assert CronExpression("0 0 1 1 *").next_after(datetime(2024, 12, 31, 23, 59)) == datetime(2025, 1, 1)
    assert CronExpression("30 6 * jan *").next_after(datetime(2024, 2, 1)) == datetime(2025, 1, 1, 6, 30)


def test_next_skips_months_without_the_day():
    assert CronExpression("0 0 31 * *").next_after(datetime(2024, 4, 1)) == datetime(2024, 5, 31)


def test_next_twenty_ninth_of_february_waits_for_a_leap_year():
    expr = CronExpression("0 0 29 feb *")
    assert expr.next_after(datetime(2023, 1, 1)) == datetime(2024, 2, 29)
    assert expr.next_after(datetime(2024, 2, 29)) == datetime(2028, 2, 29)


def test_next_twenty_ninth_of_february_skips_a_century_year():
    assert CronExpression("0 0 29 2 *").next_after(datetime(2096, 3, 1)) == datetime(2104, 2, 29)


def test_next_with_day_of_month_or_day_of_week():
    expr = CronExpression("0 12 13 * fri")
    # From Tuesday 2024-06-11: Thursday the 13th comes before Friday the 14th.
    assert expr.next_after(datetime(2024, 6, 11)) == datetime(2024, 6, 13, 12, 0)
    assert expr.next_after(datetime(2024, 6, 13, 12, 0)) == datetime(2024, 6, 14, 12, 0)


def test_next_on_sunday_spelled_seven():
    # 2024-06-03 is a Monday.
    assert CronExpression("0 8 * * 7").next_after(datetime(2024, 6, 3)) == datetime(2024, 6, 9, 8, 0)


def test_next_keeps_the_timezone():
    moment = datetime(2024, 6, 3, 9, 10, tzinfo=timezone.utc)
    assert CronExpression("0 * * * *").next_after(moment) == datetime(2024, 6, 3, 10, 0, tzinfo=timezone.utc)


def test_a_run_of_next_after_calls_walks_the_schedule():
    expr = CronExpression("0 0,12 * * *")
    moment = datetime(2024, 12, 31, 6, 0)
    runs = []
    for _ in range(3):
        moment = expr.next_after(moment)
        runs.append(moment)
    assert runs == [datetime(2024, 12, 31, 12, 0), datetime(2025, 1, 1, 0, 0), datetime(2025, 1, 1, 12, 0)]


def test_an_impossible_date_never_matches():
    with pytest.raises(CronError, match="never matches"):
        CronExpression("0 0 30 2 *").next_after(datetime(2024, 1, 1))
