from datetime import date, datetime, timedelta

import pytest

from roster import format_duration, parse_duration, parse_time_range


@pytest.mark.parametrize(
    "text, minutes",
    [("8h", 480), ("7h30m", 450), ("45m", 45), ("1h 15m", 75), (" 2H ", 120), ("90m", 90), ("1h59m", 119)],
)
def test_parse_duration(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "8", "h", "30m1h", "1h1h", "1h60m", "0h", "0m", "8h x", "abc"])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("minutes, text", [(480, "8h"), (450, "7h30m"), (45, "45m"), (65, "1h5m")])
def test_format_duration(minutes, text):
    assert format_duration(timedelta(minutes=minutes)) == text
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_format_duration_rejects_zero():
    with pytest.raises(ValueError):
        format_duration(timedelta(0))


def test_parse_time_range_same_day():
    assert parse_time_range("09:00-17:30", date(2026, 6, 1)) == (
        datetime(2026, 6, 1, 9, 0),
        datetime(2026, 6, 1, 17, 30),
    )


def test_parse_time_range_overnight():
    assert parse_time_range("22:00-06:00", date(2026, 6, 1)) == (
        datetime(2026, 6, 1, 22, 0),
        datetime(2026, 6, 2, 6, 0),
    )
    assert parse_time_range("23:30-00:00", date(2026, 6, 1))[1] == datetime(2026, 6, 2, 0, 0)


@pytest.mark.parametrize("text", ["08:00-08:00", "9-17", "24:00-08:00", "09:00-17:60", "09:00", "09:00-12:00-13:00"])
def test_parse_time_range_rejects(text):
    with pytest.raises(ValueError):
        parse_time_range(text, date(2026, 6, 1))
