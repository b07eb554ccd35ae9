import pytest

from units import Quantity


def test_format_default_two_places():
    assert Quantity("3.5", "km").format() == "3.50 km"
    assert Quantity(12, "ft").format() == "12.00 ft"


def test_format_rounds_half_to_even():
    assert Quantity("2.345", "m").format() == "2.34 m"
    assert Quantity("2.355", "m").format() == "2.36 m"
    assert Quantity("0.125", "kg").format() == "0.12 kg"


def test_format_other_places():
    assert Quantity("2.5", "h").format(places=0) == "2 h"
    assert Quantity("3.5", "h").format(places=0) == "4 h"
    assert Quantity("1.23456", "lb").format(places=3) == "1.235 lb"


def test_format_negative_zero_is_plain_zero():
    assert Quantity("-0.001", "s").format() == "0.00 s"


def test_format_after_conversion():
    assert Quantity(1, "mi").to("km").format() == "1.61 km"
    assert Quantity(100, "g").to("oz").format() == "3.53 oz"


@pytest.mark.parametrize("places", [-1, 1.5, True])
def test_format_bad_places_raises(places):
    with pytest.raises(ValueError):
        Quantity(1, "m").format(places=places)
