"""Fixed-rate, monthly-payment loans."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .money import as_decimal, to_cents

MAX_TERM_MONTHS = 480
"""The longest term accepted: 40 years."""


@dataclass(frozen=True)
class Loan:
    """A fixed-rate loan repaid monthly.

    ``annual_rate`` is a fraction (``Decimal("0.06")`` for 6 %); the monthly rate
    is a twelfth of it. ``months`` is the term, from 1 to :data:`MAX_TERM_MONTHS`.
    """

    principal: Decimal
    annual_rate: Decimal
    months: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "principal", as_decimal(self.principal, "principal"))
        object.__setattr__(self, "annual_rate", as_decimal(self.annual_rate, "annual_rate"))
        if self.principal <= 0:
            raise ValueError("principal must be positive")
        if self.annual_rate < 0:
            raise ValueError("annual_rate must not be negative")
        if not 1 <= self.months <= MAX_TERM_MONTHS:
            raise ValueError(f"months must be between 1 and {MAX_TERM_MONTHS}")

    @property
    def monthly_rate(self) -> Decimal:
        return self.annual_rate / 12


@dataclass(frozen=True)
class Installment:
    """One row of a schedule. ``extra`` is any prepayment made with this payment."""

    number: int
    payment: Decimal
    interest: Decimal
    principal: Decimal
    extra: Decimal
    balance: Decimal


def monthly_payment(loan: Loan) -> Decimal:
    """The level monthly payment, rounded to cents.

    Uses the annuity formula ``P * r / (1 - (1 + r) ** -n)``; at a zero rate the
    principal is simply split over the months.
    """
    r = loan.monthly_rate
    n = loan.months
    if r == 0:
        return to_cents(loan.principal / n)
    return to_cents(loan.principal * r / (1 - (1 + r) ** -n))


def schedule(loan: Loan, *, extra: Mapping[int, Decimal] | None = None) -> list[Installment]:
    """The month-by-month amortization schedule.

    Each month's interest is the balance times the monthly rate, rounded to
    cents; the rest of the level payment repays principal. ``extra`` maps a
    payment number (1-based) to a prepayment made with it, which goes entirely to
    principal and may end the loan early. The last installment pays exactly what
    is left, so the final balance is zero.
    """
    extra = {number: as_decimal(amount, "extra payment") for number, amount in (extra or {}).items()}
    for number, amount in extra.items():
        if amount < 0:
            raise ValueError(f"extra payment {number} is negative")
    level = monthly_payment(loan)
    balance = loan.principal
    rows: list[Installment] = []
    for number in range(1, loan.months + 1):
        interest = to_cents(balance * loan.monthly_rate)
        principal = level - interest
        if number == loan.months or principal >= balance:
            principal = balance
        prepay = min(extra.get(number, Decimal("0.00")), balance - principal)
        balance = balance - principal - prepay
        rows.append(Installment(number, interest + principal, interest, principal, prepay, balance))
        if balance == 0:
            break
    return rows


def total_interest(rows: Iterable[Installment]) -> Decimal:
    """The interest paid over a schedule."""
    return sum((row.interest for row in rows), Decimal("0.00"))


def total_paid(rows: Iterable[Installment]) -> Decimal:
    """Everything paid over a schedule, prepayments included."""
    return sum((row.payment + row.extra for row in rows), Decimal("0.00"))
