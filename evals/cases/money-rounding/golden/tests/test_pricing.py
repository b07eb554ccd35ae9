from decimal import Decimal

import pytest

from billing.pricing import apply_discount, invoice_total, line_total, to_cents

D = Decimal


@pytest.mark.parametrize(("amount", "expected"), [("2.345", "2.35"), ("2.344", "2.34"), ("0.125", "0.13"),
                                                  ("-2.345", "-2.35")])
def test_to_cents_rounds_half_up_boundary(amount, expected):
    assert to_cents(D(amount)) == D(expected)


def test_line_total_multiplies_and_rounds_success():
    assert line_total(D("0.335"), 3) == D("1.01")


@pytest.mark.parametrize("quantity", [0, -2])
def test_line_total_rejects_non_positive_quantity_invalid_input(quantity):
    with pytest.raises(ValueError, match="quantity"):
        line_total(D("1.00"), quantity)


def test_line_total_rejects_negative_price_invalid_input():
    with pytest.raises(ValueError, match="price"):
        line_total(D("-1.00"), 1)


def test_discount_takes_a_percentage_success():
    assert apply_discount(D("80.00"), D(25)) == D("60.00")


def test_discount_is_capped_at_fifty_percent_boundary():
    assert apply_discount(D("80.00"), D(90)) == D("40.00")
    assert apply_discount(D("80.00"), D(50)) == D("40.00")


def test_negative_discount_is_invalid_input():
    with pytest.raises(ValueError, match="negative"):
        apply_discount(D("80.00"), D(-5))


def test_invoice_applies_discount_before_vat_success():
    lines = [(D("19.99"), 2), (D("5.01"), 1)]
    assert invoice_total(lines, D(10), D(20)) == D("48.59")


def test_invoice_without_discount_or_vat_is_the_sum_edge_case():
    assert invoice_total([(D("1.10"), 3)], D(0), D(0)) == D("3.30")
