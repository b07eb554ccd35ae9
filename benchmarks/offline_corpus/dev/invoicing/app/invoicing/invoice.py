"""Invoices: line items, a discount, tax and payments, all in Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class InvoiceError(Exception):
    """An operation the invoice's state does not allow."""


@dataclass(frozen=True)
class LineItem:
    description: str
    quantity: int
    unit_price: Decimal

    def __post_init__(self) -> None:
        if not self.description.strip():
            raise ValueError("description must not be empty")
        if self.quantity <= 0:
            raise ValueError("quantity must be positive")
        if self.unit_price < 0:
            raise ValueError("unit price must not be negative")

    @property
    def amount(self) -> Decimal:
        return to_money(self.unit_price * self.quantity)


class Invoice:
    """A customer invoice. Draft invoices can be edited; issued ones can be paid."""

    def __init__(self, customer: str, tax_rate: Decimal = Decimal("0.20"), currency: str = "EUR") -> None:
        if not Decimal(0) <= tax_rate < Decimal(1):
            raise ValueError("tax rate must be between 0 and 1")
        self.customer = customer
        self.tax_rate = tax_rate
        self.currency = currency
        self.lines: list[LineItem] = []
        self.discount_percent = Decimal(0)
        self.payments: list[Decimal] = []
        self.issued = False

    def _require_draft(self) -> None:
        if self.issued:
            raise InvoiceError("invoice already issued")

    def add_line(self, description: str, quantity: int, unit_price: Decimal | str) -> LineItem:
        self._require_draft()
        line = LineItem(description, quantity, Decimal(unit_price))
        self.lines.append(line)
        return line

    def remove_line(self, index: int) -> LineItem:
        self._require_draft()
        return self.lines.pop(index)

    def apply_discount(self, percent: Decimal | int | str) -> None:
        self._require_draft()
        percent = Decimal(percent)
        if not Decimal(0) <= percent <= Decimal(100):
            raise ValueError("discount must be between 0 and 100 percent")
        self.discount_percent = percent

    @property
    def subtotal(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def discount(self) -> Decimal:
        return to_money(self.subtotal * self.discount_percent / 100)

    @property
    def tax(self) -> Decimal:
        return to_money((self.subtotal - self.discount) * self.tax_rate)

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.tax

    def issue(self) -> None:
        self._require_draft()
        if not self.lines:
            raise InvoiceError("cannot issue an empty invoice")
        self.issued = True

    def pay(self, amount: Decimal | str) -> Decimal:
        """Record a payment; returns the balance still due."""
        if not self.issued:
            raise InvoiceError("issue the invoice before recording payments")
        amount = Decimal(amount)
        if amount <= 0:
            raise ValueError("payment must be positive")
        if amount > self.balance_due:
            raise InvoiceError("payment exceeds the balance due")
        self.payments.append(amount)
        return self.balance_due

    @property
    def balance_due(self) -> Decimal:
        return self.total - sum(self.payments, Decimal(0))

    @property
    def is_paid(self) -> bool:
        return self.issued and self.balance_due <= 0
