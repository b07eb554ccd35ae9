from fractions import Fraction

import pytest

from recipes import convert, format_quantity, parse_quantity


@pytest.mark.parametrize("text, expected", [
    ("2", Fraction(2)),
    ("0.75", Fraction(3, 4)),
    ("0.1", Fraction(1, 10)),
    ("3/4", Fraction(3, 4)),
    ("1 1/2", Fraction(3, 2)),
    ("2 3/4", Fraction(11, 4)),
    ("1½", Fraction(3, 2)),
    ("¾", Fraction(3, 4)),
])
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["", "a lot", "1/0", "1/x", "-2", "1 2 3", "1/-2"])
def test_parse_quantity_refuses(text):
    with pytest.raises(ValueError):
        parse_quantity(text)


def test_convert_volume_and_mass():
    assert convert(Fraction(1), "cup", "ml") == 240
    assert convert(Fraction(3), "tsp", "tbsp") == 1
    assert convert(Fraction(1, 2), "l", "ml") == 500
    assert convert(Fraction(2), "kg", "g") == 2000
    assert convert(Fraction(1), "lb", "g") == Fraction("453.59")
    assert convert(Fraction(16), "oz", "g") == Fraction("453.6")


def test_convert_refuses_across_volume_and_mass():
    with pytest.raises(ValueError):
        convert(Fraction(1), "cup", "g")
    with pytest.raises(ValueError):
        convert(Fraction(1), "g", "ml")
    with pytest.raises(ValueError):
        convert(Fraction(1), "pinch", "tsp")


@pytest.mark.parametrize("quantity, text", [
    (Fraction(2), "2"),
    (Fraction(3, 4), "3/4"),
    (Fraction(3, 2), "1 1/2"),
    (Fraction(1, 3), "3/8"),      # 2.67 eighths
    (Fraction(1, 16), "1/8"),     # exactly half an eighth rounds up
    (Fraction(1, 17), "0"),
    (Fraction(31, 16), "2"),
    (Fraction(5, 8), "5/8"),
])
def test_format_quantity(quantity, text):
    assert format_quantity(quantity) == text
