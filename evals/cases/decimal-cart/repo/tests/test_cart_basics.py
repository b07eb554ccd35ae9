from decimal import Decimal

from shop.cart import Cart


def test_an_empty_cart_costs_nothing():
    assert Cart({"pen": Decimal("1.50")}).total() == Decimal("0.00")
