"""Invoice arithmetic in Decimal: money is rounded half-up to the cent, once, at the end of each step."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MAX_DISCOUNT_PERCENT = Decimal(50)


def to_cents(amount: Decimal) -> Decimal:
    """Round half-up to the cent (2.345 -> 2.35), as the accounting rules require; never banker's rounding."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(unit_price: Decimal, quantity: int) -> Decimal:
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    if unit_price < 0:
        raise ValueError("unit price cannot be negative")
    return to_cents(unit_price * quantity)


def apply_discount(amount: Decimal, percent: Decimal) -> Decimal:
    """Percentage discount, capped at MAX_DISCOUNT_PERCENT; a negative percent is an error."""
    if percent < 0:
        raise ValueError("discount cannot be negative")
    percent = min(percent, MAX_DISCOUNT_PERCENT)
    return to_cents(amount * (Decimal(100) - percent) / Decimal(100))


def invoice_total(lines: list[tuple[Decimal, int]], discount_percent: Decimal, vat_percent: Decimal) -> Decimal:
    """Sum of lines, then the discount, then VAT on the discounted amount."""
    subtotal = sum((line_total(price, qty) for price, qty in lines), Decimal(0))
    discounted = apply_discount(subtotal, discount_percent)
    return to_cents(discounted * (Decimal(100) + vat_percent) / Decimal(100))
