"""Line and invoice totals. Amounts are `Decimal`; the totals are rounded half-up to cents."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount):
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def line_net(line):
    return line["quantity"] * line["unit_price"]


def line_tax(line):
    return line_net(line) * line["tax_rate"]


def totals(lines):
    """Subtotal, tax and total of `lines`; each is rounded once from the unrounded sums."""
    net = sum((line_net(line) for line in lines), Decimal(0))
    tax = sum((line_tax(line) for line in lines), Decimal(0))
    return {"subtotal": cents(net), "tax": cents(tax), "total": cents(net + tax)}
