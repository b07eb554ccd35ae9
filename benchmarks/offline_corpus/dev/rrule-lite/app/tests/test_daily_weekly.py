from datetime import datetime

from rrule_lite import FR, MO, SU, TH, TU, WE, Rule


def test_daily_count():
    rule = Rule("daily", datetime(2024, 2, 27, 8, 15), count=4)
    assert list(rule) == [
        datetime(2024, 2, 27, 8, 15),
        datetime(2024, 2, 28, 8, 15),
        datetime(2024, 2, 29, 8, 15),
        datetime(2024, 3, 1, 8, 15),
    ]


def test_daily_interval():
    rule = Rule("daily", datetime(2024, 1, 30), interval=3, count=3)
    assert list(rule) == [datetime(2024, 1, 30), datetime(2024, 2, 2), datetime(2024, 2, 5)]


def test_until_is_inclusive():
    rule = Rule("daily", datetime(2024, 5, 1, 12, 0), until=datetime(2024, 5, 3, 12, 0))
    assert list(rule) == [
        datetime(2024, 5, 1, 12, 0),
        datetime(2024, 5, 2, 12, 0),
        datetime(2024, 5, 3, 12, 0),
    ]


def test_until_between_occurrences():
    rule = Rule("daily", datetime(2024, 5, 1, 12, 0), until=datetime(2024, 5, 3, 11, 59))
    assert list(rule)[-1] == datetime(2024, 5, 2, 12, 0)


def test_until_before_start_gives_nothing():
    rule = Rule("daily", datetime(2024, 5, 1), until=datetime(2024, 4, 1))
    assert list(rule) == []


def test_weekly_defaults_to_the_start_weekday():
    rule = Rule("weekly", datetime(2024, 3, 7, 18, 30), count=3)  # a Thursday
    assert list(rule) == [
        datetime(2024, 3, 7, 18, 30),
        datetime(2024, 3, 14, 18, 30),
        datetime(2024, 3, 21, 18, 30),
    ]


def test_weekly_byweekday_keeps_the_start_time():
    rule = Rule("weekly", datetime(2024, 1, 1, 9, 30), byweekday=[MO, WE, FR], count=5)
    assert list(rule) == [
        datetime(2024, 1, 1, 9, 30),
        datetime(2024, 1, 3, 9, 30),
        datetime(2024, 1, 5, 9, 30),
        datetime(2024, 1, 8, 9, 30),
        datetime(2024, 1, 10, 9, 30),
    ]


def test_weekly_start_is_not_an_occurrence_unless_it_matches():
    # 2024-01-03 is a Wednesday: Monday of that week is before the start, Sunday is not an occurrence day.
    rule = Rule("weekly", datetime(2024, 1, 3, 7, 0), byweekday=[MO, TH], count=3)
    assert list(rule) == [
        datetime(2024, 1, 4, 7, 0),
        datetime(2024, 1, 8, 7, 0),
        datetime(2024, 1, 11, 7, 0),
    ]


def test_weekly_every_other_week():
    rule = Rule("weekly", datetime(2024, 1, 2), interval=2, byweekday=[TU, TH], count=6)
    assert [d.date().isoformat() for d in rule] == [
        "2024-01-02",
        "2024-01-04",
        "2024-01-16",
        "2024-01-18",
        "2024-01-30",
        "2024-02-01",
    ]


def test_weekly_interval_counts_weeks_from_monday():
    # Started on a Sunday: that Sunday's week (Mon 1 Jan - Sun 7 Jan) is week 0, so the Monday
    # occurrences are in the weeks of 15 and 29 January, and the Sundays on 7, 21 January.
    rule = Rule("weekly", datetime(2024, 1, 7), interval=2, byweekday=[MO, SU], count=4)
    assert [d.day for d in rule] == [7, 15, 21, 29]


def test_weekdays_are_sorted_and_deduplicated():
    rule = Rule("weekly", datetime(2024, 1, 1), byweekday=[FR, MO, FR], count=2)
    assert rule.byweekday == (MO, FR)
    assert [d.day for d in rule] == [1, 5]
