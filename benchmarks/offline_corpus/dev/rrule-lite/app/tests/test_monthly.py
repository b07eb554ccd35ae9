from datetime import datetime

from rrule_lite import Rule


def test_monthly_defaults_to_the_start_day():
    rule = Rule("monthly", datetime(2024, 1, 15, 10, 0), count=3)
    assert list(rule) == [
        datetime(2024, 1, 15, 10, 0),
        datetime(2024, 2, 15, 10, 0),
        datetime(2024, 3, 15, 10, 0),
    ]


def test_months_without_the_day_are_skipped():
    rule = Rule("monthly", datetime(2024, 1, 31), count=4)
    assert list(rule) == [
        datetime(2024, 1, 31),
        datetime(2024, 3, 31),
        datetime(2024, 5, 31),
        datetime(2024, 7, 31),
    ]


def test_the_29th_of_february_only_in_leap_years():
    rule = Rule("monthly", datetime(2023, 1, 29), interval=1, bymonthday=29, until=datetime(2024, 4, 1))
    assert [d.strftime("%Y-%m") for d in rule] == [
        "2023-01",
        "2023-03",
        "2023-04",
        "2023-05",
        "2023-06",
        "2023-07",
        "2023-08",
        "2023-09",
        "2023-10",
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
        "2024-03",
    ]


def test_last_day_of_the_month():
    rule = Rule("monthly", datetime(2024, 1, 1), bymonthday=-1, count=4)
    assert [d.date().isoformat() for d in rule] == ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]


def test_second_to_last_day():
    rule = Rule("monthly", datetime(2023, 2, 1), bymonthday=-2, count=2)
    assert [d.day for d in rule] == [27, 30]


def test_several_month_days_in_order():
    rule = Rule("monthly", datetime(2024, 4, 10, 6, 0), bymonthday=[20, 1, -1], count=5)
    assert list(rule) == [
        datetime(2024, 4, 20, 6, 0),
        datetime(2024, 4, 30, 6, 0),
        datetime(2024, 5, 1, 6, 0),
        datetime(2024, 5, 20, 6, 0),
        datetime(2024, 5, 31, 6, 0),
    ]


def test_day_before_start_in_the_first_month_is_skipped():
    rule = Rule("monthly", datetime(2024, 3, 20), bymonthday=5, count=2)
    assert [d.date().isoformat() for d in rule] == ["2024-04-05", "2024-05-05"]


def test_monthly_interval_across_the_year_end():
    rule = Rule("monthly", datetime(2023, 10, 5), interval=1, count=5)
    assert [d.strftime("%Y-%m-%d") for d in rule] == [
        "2023-10-05",
        "2023-11-05",
        "2023-12-05",
        "2024-01-05",
        "2024-02-05",
    ]


def test_quarterly():
    rule = Rule("monthly", datetime(2023, 11, 30), interval=3, count=4)
    # February 2024 has no 30th, so it is skipped; the count goes on.
    assert [d.strftime("%Y-%m-%d") for d in rule] == [
        "2023-11-30",
        "2024-05-30",
        "2024-08-30",
        "2024-11-30",
    ]


def test_rule_that_never_matches_ends():
    rule = Rule("monthly", datetime(2023, 2, 1), interval=12, bymonthday=30)
    assert rule.first(3) == []
