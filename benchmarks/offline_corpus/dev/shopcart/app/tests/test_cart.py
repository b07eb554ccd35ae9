from datetime import date
from decimal import Decimal

import pytest

from shopcart import Cart, CartError, Coupon, Product

CATALOG = {
    "MUG": Product("MUG", "Mug", Decimal("12.50"), stock=5),
    "TEE": Product("TEE", "T-shirt", Decimal("20.00"), stock=200),
    "PIN": Product("PIN", "Pin", Decimal("1.99"), stock=3),
}
TODAY = date(2025, 6, 1)


@pytest.fixture
def cart():
    return Cart(CATALOG, today=TODAY)


def test_empty_cart(cart):
    assert cart.count == 0
    assert cart.subtotal == Decimal("0.00")
    assert cart.shipping == Decimal("0.00")
    assert cart.total == Decimal("0.00")


def test_add_and_totals(cart):
    cart.add("MUG", 2)
    cart.add("PIN")
    assert cart.items == {"MUG": 2, "PIN": 1}
    assert cart.count == 3
    assert cart.subtotal == Decimal("26.99")
    assert cart.shipping == Decimal("4.95")
    assert cart.total == Decimal("31.94")


def test_adding_again_accumulates(cart):
    cart.add("PIN", 2)
    cart.add("PIN", 1)
    assert cart.items["PIN"] == 3


def test_cannot_exceed_stock(cart):
    cart.add("PIN", 2)
    with pytest.raises(CartError, match="only 3 of PIN available"):
        cart.add("PIN", 2)
    assert cart.items["PIN"] == 2


def test_quantity_is_capped(cart):
    cart.add("TEE", 99)
    with pytest.raises(CartError, match="only 99 of TEE available"):
        cart.add("TEE")


@pytest.mark.parametrize("quantity", [0, -1])
def test_add_needs_a_positive_quantity(cart, quantity):
    with pytest.raises(CartError):
        cart.add("MUG", quantity)
    assert cart.items == {}


def test_unknown_product(cart):
    with pytest.raises(CartError, match="unknown product NOPE"):
        cart.add("NOPE")


def test_set_quantity(cart):
    cart.add("MUG", 1)
    cart.set_quantity("MUG", 4)
    assert cart.items == {"MUG": 4}
    cart.set_quantity("MUG", 0)
    assert cart.items == {}


def test_set_quantity_over_stock_keeps_the_old_one(cart):
    cart.add("MUG", 2)
    with pytest.raises(CartError):
        cart.set_quantity("MUG", 6)
    assert cart.items == {"MUG": 2}


def test_set_quantity_of_missing_item(cart):
    with pytest.raises(CartError):
        cart.set_quantity("MUG", 1)


def test_remove(cart):
    cart.add("MUG")
    cart.remove("MUG")
    cart.remove("MUG")
    assert cart.items == {}


def test_free_shipping_threshold(cart):
    cart.add("MUG", 4)
    assert cart.subtotal == Decimal("50.00")
    assert cart.shipping == Decimal("0.00")
    assert cart.total == Decimal("50.00")


def test_percent_coupon(cart):
    cart.add("TEE", 3)
    cart.apply_coupon(Coupon("SUMMER15", percent_off=15))
    assert cart.discount == Decimal("9.00")
    assert cart.total == Decimal("51.00")


def test_percent_coupon_rounds_half_up(cart):
    cart.add("MUG", 1)
    cart.apply_coupon(Coupon("FIVE", percent_off=5))
    assert cart.discount == Decimal("0.63")


def test_amount_coupon_never_exceeds_subtotal(cart):
    cart.add("PIN")
    cart.apply_coupon(Coupon("FIVER", amount_off=Decimal("5.00")))
    assert cart.discount == Decimal("1.99")
    assert cart.total == Decimal("4.95")


def test_discount_counts_against_free_shipping(cart):
    cart.add("TEE", 3)
    cart.apply_coupon(Coupon("BIG", amount_off=Decimal("10.01")))
    assert cart.shipping == Decimal("4.95")


def test_coupon_minimum_subtotal(cart):
    cart.add("MUG", 1)
    with pytest.raises(CartError, match="at least 20.00"):
        cart.apply_coupon(Coupon("MIN20", amount_off=Decimal("5"), min_subtotal=Decimal("20.00")))
    cart.add("MUG", 1)
    cart.apply_coupon(Coupon("MIN20", amount_off=Decimal("5"), min_subtotal=Decimal("25.00")))
    assert cart.discount == Decimal("5.00")


def test_coupon_stops_applying_below_minimum(cart):
    cart.add("MUG", 2)
    cart.apply_coupon(Coupon("MIN20", amount_off=Decimal("5"), min_subtotal=Decimal("20.00")))
    cart.set_quantity("MUG", 1)
    assert cart.discount == Decimal("0.00")


def test_expired_coupon(cart):
    cart.add("MUG")
    with pytest.raises(CartError, match="coupon expired"):
        cart.apply_coupon(Coupon("OLD", percent_off=5, expires=date(2025, 5, 31)))


def test_coupon_valid_on_its_last_day(cart):
    cart.add("MUG")
    cart.apply_coupon(Coupon("LAST", percent_off=5, expires=TODAY))
    assert cart.coupon.code == "LAST"
