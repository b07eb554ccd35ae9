from datetime import date
from decimal import Decimal

import pytest

from meterbill import Reading, ReadingError, parse_readings


def test_parses_lines_skipping_blanks_and_comments():
    text = "# meter 42\n2026-01-01, 1000.5\n\n  # moved in\n2026-02-01,1100\n"
    assert parse_readings(text) == [
        Reading(date(2026, 1, 1), Decimal("1000.5")),
        Reading(date(2026, 2, 1), Decimal("1100")),
    ]


def test_empty_text():
    assert parse_readings("") == []


@pytest.mark.parametrize(
    "text, lineno",
    [
        ("2026-01-01,10\n2026-13-01,20", 2),
        ("# header\n\n2026-01-01", 3),
        ("2026-01-01,ten", 1),
        ("2026-01-01,-1", 1),
        ("2026-01-01,1,2", 1),
    ],
)
def test_errors_carry_one_based_line(text, lineno):
    with pytest.raises(ReadingError) as info:
        parse_readings(text)
    assert info.value.lineno == lineno
    assert str(info.value).startswith(f"line {lineno}: ")


def test_one_decimal_allowed_two_refused():
    assert parse_readings("2026-01-01,12.3")[0].kwh == Decimal("12.3")
    with pytest.raises(ReadingError, match="0.1 kWh"):
        parse_readings("2026-01-01,12.34")


def test_dates_must_increase_strictly():
    with pytest.raises(ReadingError) as info:
        parse_readings("2026-01-01,10\n2026-01-01,12")
    assert info.value.lineno == 2
    with pytest.raises(ReadingError):
        parse_readings("2026-01-05,10\n2026-01-01,12")


def test_meter_may_stand_still_but_not_run_backwards():
    readings = parse_readings("2026-01-01,10\n2026-01-02,10")
    assert [r.kwh for r in readings] == [Decimal("10"), Decimal("10")]
    with pytest.raises(ReadingError, match="backwards") as info:
        parse_readings("2026-01-01,10\n2026-01-02,9.9")
    assert info.value.lineno == 2


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_readings("nonsense")
