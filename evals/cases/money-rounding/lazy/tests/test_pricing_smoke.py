from decimal import Decimal

from billing.pricing import invoice_total


def test_invoice_total():
    total = invoice_total([(Decimal("10.00"), 1)], Decimal(0), Decimal(20))
    assert total > 0
