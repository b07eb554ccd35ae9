from decimal import Decimal

from billing.pricing import line_total


def test_line_total_of_one_item_is_its_price():
    assert line_total(Decimal("3.00"), 1) == Decimal("3.00")
