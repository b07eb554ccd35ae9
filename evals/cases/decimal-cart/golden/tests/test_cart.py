"""Cart rules with exact Decimal amounts: line limits, removal, coupons at their minimum spend, discount caps."""

from decimal import Decimal

import pytest

from shop.cart import MAX_PER_LINE, Cart, CartError, Coupon, UnknownItem

PRICES = {"pen": Decimal("1.25"), "book": Decimal("12.99"), "lamp": Decimal("20.00")}
COUPONS = {
    "TEN": Coupon("TEN", percent=Decimal(10)),
    "FIVER": Coupon("FIVER", amount=Decimal("5.00"), min_spend=Decimal("20.00")),
    "BIG": Coupon("BIG", amount=Decimal("50.00")),
}


@pytest.fixture
def cart():
    return Cart(PRICES, COUPONS)


def test_totals_are_exact_decimals(cart):
    cart.add("pen", 3)
    cart.add("book")
    assert cart.lines() == {"pen": 3, "book": 1}
    assert cart.subtotal() == Decimal("16.74")
    assert cart.total() == Decimal("16.74")


def test_a_line_holds_at_most_the_limit_across_adds(cart):
    cart.add("pen", MAX_PER_LINE - 1)
    cart.add("pen")
    assert cart.lines() == {"pen": MAX_PER_LINE}
    with pytest.raises(CartError):
        cart.add("pen")
    assert cart.lines() == {"pen": MAX_PER_LINE}


def test_more_than_the_limit_at_once_is_refused(cart):
    with pytest.raises(CartError):
        cart.add("pen", MAX_PER_LINE + 1)
    assert cart.lines() == {}


@pytest.mark.parametrize("quantity", [0, -1, 1.5, True, "2"])
def test_bad_quantities_are_refused(cart, quantity):
    with pytest.raises(CartError):
        cart.add("pen", quantity)
    assert cart.lines() == {}


def test_unknown_items_are_refused(cart):
    with pytest.raises(UnknownItem):
        cart.add("sofa")


def test_removing_everything_drops_the_line(cart):
    cart.add("pen", 2)
    cart.remove("pen")
    assert cart.lines() == {"pen": 1}
    cart.remove("pen")
    assert cart.lines() == {}
    with pytest.raises(CartError):
        cart.remove("pen")


def test_removing_more_than_held_changes_nothing(cart):
    cart.add("pen", 2)
    with pytest.raises(CartError):
        cart.remove("pen", 3)
    assert cart.lines() == {"pen": 2}


def test_percent_coupon(cart):
    cart.add("book", 2)
    cart.apply_coupon(" ten ")
    assert cart.discount() == Decimal("2.60")
    assert cart.total() == Decimal("23.38")


def test_minimum_spend_is_inclusive(cart):
    cart.add("book")
    with pytest.raises(CartError):
        cart.apply_coupon("FIVER")
    cart.remove("book")
    cart.add("lamp")
    assert cart.subtotal() == Decimal("20.00")
    cart.apply_coupon("FIVER")
    assert cart.total() == Decimal("15.00")


def test_discount_stops_when_the_cart_falls_below_the_minimum(cart):
    cart.add("lamp")
    cart.add("pen")
    cart.apply_coupon("FIVER")
    assert cart.discount() == Decimal("5.00")
    cart.remove("lamp")
    assert cart.discount() == Decimal("0.00")
    assert cart.total() == Decimal("1.25")


def test_discount_never_exceeds_the_subtotal(cart):
    cart.add("book")
    cart.apply_coupon("BIG")
    assert cart.discount() == Decimal("12.99")
    assert cart.total() == Decimal("0.00")


def test_unknown_coupon_is_refused(cart):
    cart.add("book")
    with pytest.raises(CartError):
        cart.apply_coupon("NOPE")
    assert cart.discount() == Decimal("0.00")
