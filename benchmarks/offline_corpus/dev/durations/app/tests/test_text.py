from datetime import timedelta

import pytest

from durations import format_duration, parse_duration, parse_timedelta


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("1m", 60),
        ("1h30m", 5400),
        ("2d 4h", 2 * 86400 + 4 * 3600),
        ("1w", 7 * 86400),
        ("1w 2d 3h 4m 5s", 7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5),
        ("  45m  ", 2700),
        ("1H30M", 5400),
        ("0s", 0),
        ("1.5h", 5400),
        ("0.5m", 30),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


def test_parse_timedelta():
    assert parse_timedelta("2d 4h") == timedelta(days=2, hours=4)
    assert parse_timedelta("90s") == timedelta(minutes=1, seconds=30)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty duration"),
        ("   ", "empty duration"),
        ("90", "cannot read '90'"),
        ("1h30", "cannot read '30'"),
        ("h", "cannot read 'h'"),
        ("-5m", "cannot read '-5m'"),
        ("5x", "unknown unit 'x'"),
        ("5 years", "unknown unit 'years'"),
        ("1h2h", "unit 'h' given twice"),
        ("30m1h", "'h' must come before 'm'"),
        ("1s 1d", "'d' must come before 's'"),
        ("1.5s", "not a whole number of seconds"),
    ],
)
def test_parse_duration_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_duration(text)


def test_parse_duration_needs_a_string():
    with pytest.raises(TypeError):
        parse_duration(90)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (1, "1s"),
        (59, "59s"),
        (60, "1m"),
        (90, "1m30s"),
        (3600, "1h"),
        (3599, "59m59s"),
        (5400, "1h30m"),
        (3601, "1h1s"),
        (86400, "1d"),
        (86399, "23h59m59s"),
        (2 * 86400 + 4 * 3600, "2d4h"),
        (7 * 86400, "1w"),
        (6 * 86400, "6d"),
        (15 * 86400 + 1, "2w1d1s"),
    ],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


def test_format_duration_accepts_timedelta():
    assert format_duration(timedelta(hours=1, minutes=30)) == "1h30m"
    assert format_duration(timedelta(days=9)) == "1w2d"


@pytest.mark.parametrize("seconds", [0, 1, 61, 3600, 5400, 90061, 694861, 10**7])
def test_format_then_parse_round_trips(seconds):
    assert parse_duration(format_duration(seconds)) == seconds


def test_format_duration_rejects_negative():
    with pytest.raises(ValueError, match="negative"):
        format_duration(-1)
    with pytest.raises(ValueError, match="negative"):
        format_duration(timedelta(seconds=-5))


def test_format_duration_rejects_fractions():
    with pytest.raises(ValueError, match="fraction of a second"):
        format_duration(timedelta(seconds=1.5))


@pytest.mark.parametrize("value", [1.0, "60", True, None])
def test_format_duration_rejects_other_types(value):
    with pytest.raises(TypeError):
        format_duration(value)
