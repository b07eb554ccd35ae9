from decimal import Decimal

import pytest

from invoicing import Invoice, InvoiceError, LineItem


@pytest.fixture
def invoice():
    inv = Invoice("ACME")
    inv.add_line("Consulting", 3, "150.00")
    inv.add_line("Travel", 1, "80.50")
    return inv


def test_line_amount():
    assert LineItem("Widget", 3, Decimal("2.50")).amount == Decimal("7.50")


def test_line_amount_rounds_half_up():
    assert LineItem("Tiny", 1, Decimal("0.125")).amount == Decimal("0.13")


@pytest.mark.parametrize(
    ("description", "quantity", "price"),
    [("", 1, "1"), ("x", 0, "1"), ("x", -2, "1"), ("x", 1, "-0.01")],
)
def test_invalid_lines(description, quantity, price):
    with pytest.raises(ValueError):
        LineItem(description, quantity, Decimal(price))


def test_free_line_is_allowed():
    assert LineItem("Sample", 1, Decimal("0")).amount == Decimal("0.00")


def test_totals(invoice):
    assert invoice.subtotal == Decimal("530.50")
    assert invoice.tax == Decimal("106.10")
    assert invoice.total == Decimal("636.60")


def test_discount_is_taken_before_tax(invoice):
    invoice.apply_discount(10)
    assert invoice.discount == Decimal("53.05")
    assert invoice.tax == Decimal("95.49")
    assert invoice.total == Decimal("572.94")


@pytest.mark.parametrize("percent", ["0", "100"])
def test_discount_bounds_are_allowed(invoice, percent):
    invoice.apply_discount(percent)
    assert invoice.discount_percent == Decimal(percent)


def test_full_discount_makes_it_free(invoice):
    invoice.apply_discount(100)
    assert invoice.total == Decimal("0.00")


@pytest.mark.parametrize("percent", ["-1", "100.01"])
def test_discount_out_of_range(invoice, percent):
    with pytest.raises(ValueError):
        invoice.apply_discount(percent)


def test_remove_line(invoice):
    removed = invoice.remove_line(0)
    assert removed.description == "Consulting"
    assert [line.description for line in invoice.lines] == ["Travel"]
    assert invoice.subtotal == Decimal("80.50")


def test_tax_rate_validation():
    with pytest.raises(ValueError):
        Invoice("x", tax_rate=Decimal("1"))
    assert Invoice("x", tax_rate=Decimal("0")).tax == Decimal("0")


def test_issued_invoice_cannot_change(invoice):
    invoice.issue()
    with pytest.raises(InvoiceError):
        invoice.add_line("More", 1, "1")
    with pytest.raises(InvoiceError):
        invoice.apply_discount(5)
    with pytest.raises(InvoiceError):
        invoice.issue()


def test_cannot_issue_empty():
    with pytest.raises(InvoiceError):
        Invoice("x").issue()


def test_payments(invoice):
    with pytest.raises(InvoiceError):
        invoice.pay("10")
    invoice.issue()
    assert invoice.pay("600.00") == Decimal("36.60")
    assert not invoice.is_paid
    assert invoice.pay("36.60") == Decimal("0.00")
    assert invoice.is_paid


def test_overpayment_is_refused(invoice):
    invoice.issue()
    with pytest.raises(InvoiceError):
        invoice.pay("636.61")
    assert invoice.balance_due == Decimal("636.60")


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_payment_must_be_positive(invoice, amount):
    invoice.issue()
    with pytest.raises(ValueError):
        invoice.pay(amount)


def test_draft_is_not_paid():
    inv = Invoice("x")
    inv.add_line("Free", 1, "0")
    assert not inv.is_paid
