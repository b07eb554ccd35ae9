"""Fixed-rate loan maths with exact Decimal money."""

from .daycount import DayCount, accrued_interest, day_count, year_fraction
from .loan import MAX_TERM_MONTHS, Installment, Loan, monthly_payment, schedule, total_interest, total_paid
from .money import CENT, to_cents

__all__ = [
    "CENT",
    "MAX_TERM_MONTHS",
    "DayCount",
    "Installment",
    "Loan",
    "accrued_interest",
    "day_count",
    "monthly_payment",
    "schedule",
    "to_cents",
    "total_interest",
    "total_paid",
    "year_fraction",
]
