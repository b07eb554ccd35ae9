from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FREE_SHIPPING_FROM = Decimal("50.00")
SHIPPING_FEE = Decimal("4.95")
MAX_QUANTITY = 99


class CartError(Exception):
    pass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Decimal
    stock: int


@dataclass(frozen=True)
class Coupon:
    code: str
    percent_off: int = 0
    amount_off: Decimal = Decimal(0)
    min_subtotal: Decimal = Decimal(0)
    expires: date | None = None

    def discount_for(self, subtotal: Decimal) -> Decimal:
        if self.percent_off:
            off = subtotal * self.percent_off / 100
        else:
            off = self.amount_off
        return min(off, subtotal).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class Cart:
    def __init__(self, catalog: dict[str, Product], today: date | None = None) -> None:
        self.catalog = catalog
        self.today = today or date.today()
        self.items: dict[str, int] = {}
        self.coupon: Coupon | None = None

    def add(self, sku: str, quantity: int = 1) -> None:
        if quantity < 1:
            raise CartError("quantity must be at least 1")
        product = self.catalog.get(sku)
        if product is None:
            raise CartError(f"unknown product {sku}")
        new_quantity = self.items.get(sku, 0) + quantity
        if new_quantity > min(product.stock, MAX_QUANTITY):
            raise CartError(f"only {min(product.stock, MAX_QUANTITY)} of {sku} available")
        self.items[sku] = new_quantity

    def set_quantity(self, sku: str, quantity: int) -> None:
        if sku not in self.items:
            raise CartError(f"{sku} is not in the cart")
        if quantity == 0:
            del self.items[sku]
            return
        previous = self.items.pop(sku)
        try:
            self.add(sku, quantity)
        except CartError:
            self.items[sku] = previous
            raise

    def remove(self, sku: str) -> None:
        self.items.pop(sku, None)

    def apply_coupon(self, coupon: Coupon) -> None:
        if coupon.expires is not None and coupon.expires < self.today:
            raise CartError("coupon expired")
        if self.subtotal < coupon.min_subtotal:
            raise CartError(f"coupon needs a subtotal of at least {coupon.min_subtotal}")
        self.coupon = coupon

    @property
    def count(self) -> int:
        return sum(self.items.values())

    @property
    def subtotal(self) -> Decimal:
        return sum((self.catalog[sku].price * qty for sku, qty in self.items.items()), Decimal("0.00"))

    @property
    def discount(self) -> Decimal:
        if self.coupon is None or self.subtotal < self.coupon.min_subtotal:
            return Decimal("0.00")
        return self.coupon.discount_for(self.subtotal)

    @property
    def shipping(self) -> Decimal:
        if not self.items:
            return Decimal("0.00")
        return Decimal("0.00") if self.subtotal - self.discount >= FREE_SHIPPING_FROM else SHIPPING_FEE

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.shipping
