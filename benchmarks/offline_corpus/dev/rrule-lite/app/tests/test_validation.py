from datetime import datetime, timezone

import pytest

from rrule_lite import MO, Rule, RuleError

START = datetime(2024, 1, 1, 9, 0)


def test_rule_error_is_a_value_error():
    assert issubclass(RuleError, ValueError)


def test_unknown_frequency():
    with pytest.raises(RuleError):
        Rule("yearly", START)


def test_frequency_is_case_insensitive():
    assert Rule("WEEKLY", START).freq == "weekly"


def test_count_and_until_together_are_refused():
    with pytest.raises(RuleError, match="not both"):
        Rule("daily", START, count=3, until=datetime(2024, 2, 1))


@pytest.mark.parametrize("interval", [0, -1, 1.5, True])
def test_interval_must_be_a_positive_integer(interval):
    with pytest.raises(RuleError):
        Rule("daily", START, interval=interval)


@pytest.mark.parametrize("count", [0, -3])
def test_count_must_be_positive(count):
    with pytest.raises(RuleError):
        Rule("daily", START, count=count)


def test_aware_datetimes_are_refused():
    with pytest.raises(RuleError):
        Rule("daily", START.replace(tzinfo=timezone.utc))
    with pytest.raises(RuleError):
        Rule("daily", START, until=datetime(2024, 2, 1, tzinfo=timezone.utc))


def test_dtstart_must_be_a_datetime():
    with pytest.raises(RuleError):
        Rule("daily", "2024-01-01")


def test_byweekday_only_for_weekly_rules():
    with pytest.raises(RuleError):
        Rule("daily", START, byweekday=[MO])
    with pytest.raises(RuleError):
        Rule("monthly", START, byweekday=[MO])


def test_bymonthday_only_for_monthly_rules():
    with pytest.raises(RuleError):
        Rule("weekly", START, bymonthday=15)


@pytest.mark.parametrize("day", [0, 32, -32])
def test_bymonthday_range(day):
    with pytest.raises(RuleError):
        Rule("monthly", START, bymonthday=day)


@pytest.mark.parametrize("day", [7, -1, "XX"])
def test_bad_weekdays(day):
    with pytest.raises(RuleError):
        Rule("weekly", START, byweekday=[day])


def test_weekday_names_are_accepted():
    rule = Rule("weekly", START, byweekday=["fr", "MO", "we"])
    assert rule.byweekday == (0, 2, 4)
