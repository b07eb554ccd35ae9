"""A cart over a price catalogue. Money is Decimal, rounded half-up to the cent only where a total is shown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_PER_LINE = 10


class CartError(ValueError):
    """A refused cart operation."""


class UnknownItem(CartError):
    pass


@dataclass(frozen=True)
class Coupon:
    """`percent` off the subtotal, or `amount` off it; usable only from `min_spend` upwards."""

    code: str
    percent: Decimal = Decimal(0)
    amount: Decimal = Decimal(0)
    min_spend: Decimal = Decimal(0)


def to_cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Cart:
    def __init__(self, prices: dict[str, Decimal], coupons: dict[str, Coupon] | None = None) -> None:
        self._prices = dict(prices)
        self._coupons = dict(coupons or {})
        self._lines: dict[str, int] = {}
        self._coupon: Coupon | None = None

    def add(self, sku: str, quantity: int = 1) -> None:
        """Add `quantity` of `sku`; a line holds at most MAX_PER_LINE units."""
        if sku not in self._prices:
            raise UnknownItem(sku)
        _check_quantity(quantity)
        new_quantity = self._lines.get(sku, 0) + quantity
        if new_quantity > MAX_PER_LINE:
            raise CartError(f"at most {MAX_PER_LINE} of {sku}")
        self._lines[sku] = new_quantity

    def remove(self, sku: str, quantity: int = 1) -> None:
        """Take `quantity` of `sku` out; a line that reaches zero disappears."""
        _check_quantity(quantity)
        held = self._lines.get(sku, 0)
        if quantity > held:
            raise CartError(f"only {held} of {sku} in the cart")
        if quantity == held:
            del self._lines[sku]
        else:
            self._lines[sku] = held - quantity

    def lines(self) -> dict[str, int]:
        return dict(self._lines)

    def apply_coupon(self, code: str) -> None:
        """Use coupon `code` (replacing any other); refused below its minimum spend."""
        coupon = self._coupons.get(code.strip().upper())
        if coupon is None:
            raise CartError(f"unknown coupon {code!r}")
        if self.subtotal() < coupon.min_spend:
            raise CartError(f"coupon {coupon.code} needs a subtotal of {coupon.min_spend}")
        self._coupon = coupon

    def subtotal(self) -> Decimal:
        return to_cents(sum((self._prices[sku] * qty for sku, qty in self._lines.items()), Decimal(0)))

    def discount(self) -> Decimal:
        """What the coupon takes off: never more than the subtotal; nothing once the cart falls below its minimum."""
        subtotal = self.subtotal()
        coupon = self._coupon
        if coupon is None or subtotal < coupon.min_spend:
            return Decimal("0.00")
        off = subtotal * coupon.percent / 100 + coupon.amount
        return min(to_cents(off), subtotal)

    def total(self) -> Decimal:
        return self.subtotal() - self.discount()


def _check_quantity(quantity: int) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise CartError("quantity must be a positive whole number")
