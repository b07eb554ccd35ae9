from decimal import Decimal

from shop.cart import Cart


def test_add():
    cart = Cart({"pen": Decimal("1.25")})
    cart.add("pen", 2)
    assert cart.total() > 0
