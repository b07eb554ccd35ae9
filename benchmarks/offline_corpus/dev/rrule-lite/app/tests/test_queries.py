from datetime import datetime

import pytest

from rrule_lite import MO, Rule, RuleError


def day(d, h=9):
    return datetime(2024, 6, d, h, 0)


@pytest.fixture
def daily():
    return Rule("daily", day(1))


def test_occurrences_is_an_endless_generator_without_count_or_until(daily):
    gen = daily.occurrences()
    assert next(gen) == day(1)
    assert next(gen) == day(2)
    assert daily.first(3) == [day(1), day(2), day(3)]


def test_exdates_are_removed():
    rule = Rule("daily", day(1), until=day(5), exdates=[day(2), day(4)])
    assert list(rule) == [day(1), day(3), day(5)]


def test_exdates_count_towards_count():
    rule = Rule("daily", day(1), count=5, exdates=[day(3)])
    assert list(rule) == [day(1), day(2), day(4), day(5)]


def test_exdate_must_match_the_time_exactly():
    rule = Rule("daily", day(1), count=3, exdates=[datetime(2024, 6, 2, 10, 0)])
    assert list(rule) == [day(1), day(2), day(3)]


def test_between_is_exclusive_by_default(daily):
    assert daily.between(day(3), day(6)) == [day(4), day(5)]


def test_between_inclusive(daily):
    assert daily.between(day(3), day(6), inclusive=True) == [day(3), day(4), day(5), day(6)]


def test_between_with_bounds_off_the_occurrences(daily):
    assert daily.between(day(3, 0), day(5, 23)) == [day(3), day(4), day(5)]
    assert daily.between(day(3, 0), day(5, 23), inclusive=True) == [day(3), day(4), day(5)]


def test_between_skips_exdates_and_stops_at_until():
    rule = Rule("daily", day(1), until=day(10), exdates=[day(4)])
    assert rule.between(day(2), day(30)) == [day(3), day(5), day(6), day(7), day(8), day(9), day(10)]


def test_between_end_before_start(daily):
    with pytest.raises(RuleError):
        daily.between(day(5), day(1))


def test_after_is_strictly_after(daily):
    assert daily.after(day(3)) == day(4)
    assert daily.after(day(3, 8)) == day(3)


def test_after_inclusive(daily):
    assert daily.after(day(3), inclusive=True) == day(3)


def test_after_before_the_start(daily):
    assert daily.after(datetime(2020, 1, 1)) == day(1)


def test_after_the_last_occurrence_is_none():
    rule = Rule("weekly", datetime(2024, 6, 3), byweekday=[MO], count=2)
    assert rule.after(datetime(2024, 6, 10)) is None
    assert rule.after(datetime(2024, 6, 9)) == datetime(2024, 6, 10)


def test_after_skips_exdates():
    rule = Rule("daily", day(1), exdates=[day(4)])
    assert rule.after(day(3)) == day(5)


def test_iterating_twice_gives_the_same_results():
    rule = Rule("weekly", datetime(2024, 6, 3), count=3)
    assert list(rule) == list(rule)


def test_first_stops_at_count():
    rule = Rule("daily", day(1), count=2)
    assert rule.first(5) == [day(1), day(2)]
    assert rule.first(0) == []
