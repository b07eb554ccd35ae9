from decimal import Decimal

import pytest

from units import Quantity, UnitError, parse


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("3.5 km", "3.5", "km"),
        ("12ft", "12", "ft"),
        ("  250 g ", "250", "g"),
        ("-2 h", "-2", "h"),
        (".5 mi", "0.5", "mi"),
        ("90min", "90", "min"),
    ],
)
def test_parse_reads_number_and_unit(text, value, unit):
    q = parse(text)
    assert q.value == Decimal(value)
    assert q.unit == unit


def test_parse_result_compares_with_a_quantity():
    assert parse("1 km") == Quantity(1000, "m")


@pytest.mark.parametrize("text", ["3 parsecs", "12 KM", "5 yd"])
def test_parse_unknown_unit_raises_unit_error(text):
    with pytest.raises(UnitError) as info:
        parse(text)
    assert "unknown unit" in str(info.value)


@pytest.mark.parametrize("text", ["", "km", "3.5", "3..5 km", "3 5 km", "three km"])
def test_parse_malformed_raises_value_error(text):
    with pytest.raises(ValueError):
        parse(text)


def test_unit_error_is_a_value_error_but_malformed_is_not_a_unit_error():
    assert issubclass(UnitError, ValueError)
    with pytest.raises(ValueError) as info:
        parse("km")
    assert not isinstance(info.value, UnitError)


def test_parse_needs_a_string():
    with pytest.raises(TypeError):
        parse(35)
