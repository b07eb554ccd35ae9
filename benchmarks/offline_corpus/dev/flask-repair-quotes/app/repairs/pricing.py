"""Quote arithmetic, all in integer cents.

The discount comes off the parts-and-labour subtotal; VAT is charged on what is left. Both are rounded half up
to the cent, the way the till does it.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Totals:
    subtotal_cents: int
    discount_cents: int
    vat_cents: int
    total_cents: int


def _half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def line_total(quantity: int, unit_cents: int) -> int:
    return quantity * unit_cents


def compute_totals(lines: list[tuple[int, int]], discount_percent: int, vat_basis_points: int) -> Totals:
    subtotal = sum(line_total(q, unit) for q, unit in lines)
    discount = _half_up(Decimal(subtotal) * discount_percent / 100)
    net = subtotal - discount
    vat = _half_up(Decimal(net) * vat_basis_points / 10_000)
    return Totals(subtotal, discount, vat, net + vat)


def format_cents(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"
