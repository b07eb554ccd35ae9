from decimal import Decimal

import pytest

from auction_house import DEFAULT_INCREMENTS, increment_for


@pytest.mark.parametrize(
    "price, step",
    [
        ("0.01", "0.05"),
        ("0.99", "0.05"),
        ("1.00", "0.25"),
        ("4.99", "0.25"),
        ("5.00", "0.50"),
        ("24.99", "0.50"),
        ("25.00", "1.00"),
        ("99.99", "1.00"),
        ("100.00", "2.50"),
        ("249.99", "2.50"),
        ("250.00", "10.00"),
        ("999.99", "10.00"),
        ("1000.00", "25.00"),
        ("50000.00", "25.00"),
    ],
)
def test_increment_bands_include_their_lower_bound(price, step):
    assert increment_for(Decimal(price)) == Decimal(step)


def test_custom_table():
    table = ((Decimal("10"), Decimal("1")), (None, Decimal("5")))
    assert increment_for(Decimal("9.99"), table) == Decimal("1")
    assert increment_for(Decimal("10"), table) == Decimal("5")


def test_table_without_open_band_is_rejected():
    with pytest.raises(ValueError):
        increment_for(Decimal("50"), ((Decimal("10"), Decimal("1")),))


def test_default_table_is_open_ended():
    assert DEFAULT_INCREMENTS[-1][0] is None
