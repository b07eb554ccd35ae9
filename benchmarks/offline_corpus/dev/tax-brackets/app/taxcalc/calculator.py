"""A single tax return: income, deductions, credits and the resulting tax."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from taxcalc.money import ZERO, Amount, cents, to_decimal
from taxcalc.tables import SINGLE, TABLE_2024, TaxTable

RATE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Credit:
    """A tax credit. Non-refundable credits can only bring the tax down to zero;
    refundable ones can go below zero, producing a refund."""

    name: str
    amount: Decimal
    refundable: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", to_decimal(self.amount, f"credit {self.name!r}"))


@dataclass(frozen=True)
class BracketLine:
    """The part of taxable income that falls in one bracket, and the exact (unrounded) tax on it."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal
    amount: Decimal
    tax: Decimal


class TaxReturn:
    """Compute the tax on ``income`` for a filing ``status``.

    The deduction is the larger of the status's standard deduction and the sum of
    ``itemized`` deductions. Every figure is computed exactly and rounded half-up
    to cents only when returned.
    """

    def __init__(
        self,
        income: Amount,
        status: str = SINGLE,
        *,
        itemized: Iterable[Amount] = (),
        credits: Iterable[Credit] = (),
        table: TaxTable = TABLE_2024,
    ) -> None:
        table.check_status(status)
        self.income = to_decimal(income, "income")
        self.status = status
        self.itemized = [to_decimal(amount, "itemized deduction") for amount in itemized]
        self.credits = list(credits)
        self.table = table

    def __repr__(self) -> str:
        return f"TaxReturn(income={self.income}, status={self.status!r})"

    # -- deductions ------------------------------------------------------------------------

    @property
    def standard_deduction(self) -> Decimal:
        return self.table.standard_deduction_for(self.status)

    @property
    def itemized_total(self) -> Decimal:
        return sum(self.itemized, ZERO)

    @property
    def uses_itemized(self) -> bool:
        return self.itemized_total > self.standard_deduction

    @property
    def deduction(self) -> Decimal:
        return max(self.standard_deduction, self.itemized_total)

    @property
    def taxable_income(self) -> Decimal:
        return max(ZERO, self.income - self.deduction)

    # -- brackets ------------------------------------------------------------------------------

    def breakdown(self) -> list[BracketLine]:
        """One line per bracket that taxable income reaches, lowest first."""
        taxable = self.taxable_income
        lines = []
        for bracket in self.table.brackets_for(self.status):
            if taxable <= bracket.lower:
                break
            top = taxable if bracket.upper is None else min(taxable, bracket.upper)
            amount = top - bracket.lower
            lines.append(BracketLine(bracket.lower, bracket.upper, bracket.rate, amount, amount * bracket.rate))
        return lines

    def marginal_rate(self) -> Decimal:
        """The rate on the next dollar of taxable income (the first bracket's rate if there is none)."""
        taxable = self.taxable_income
        brackets = self.table.brackets_for(self.status)
        for bracket in brackets:
            if bracket.upper is None or taxable <= bracket.upper:
                return bracket.rate
        return brackets[-1].rate

    # -- tax -----------------------------------------------------------------------------------

    def _tax_exact(self) -> Decimal:
        return sum((line.tax for line in self.breakdown()), ZERO)

    def _nonrefundable(self) -> Decimal:
        return sum((c.amount for c in self.credits if not c.refundable), ZERO)

    def _refundable(self) -> Decimal:
        return sum((c.amount for c in self.credits if c.refundable), ZERO)

    def _settle(self) -> tuple[Decimal, Decimal]:
        """(tax after non-refundable credits, balance after refundable credits), both exact."""
        tax = max(ZERO, self._tax_exact() - self._nonrefundable())
        balance = tax - self._refundable()
        return tax, balance

    def tax_before_credits(self) -> Decimal:
        return cents(self._tax_exact())

    def income_tax(self) -> Decimal:
        """Tax after non-refundable credits; never negative."""
        return cents(self._settle()[0])

    def balance_due(self) -> Decimal:
        """What is owed after all credits; negative means a refund."""
        return cents(self._settle()[1])

    def refund(self) -> Decimal:
        return max(ZERO, -self.balance_due())

    def effective_rate(self) -> Decimal:
        """Income tax (after non-refundable credits) over gross income, to four places."""
        if self.income == 0:
            return ZERO.quantize(RATE_PLACES)
        return (self._settle()[0] / self.income).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)

    def summary(self) -> dict[str, Decimal | str | bool]:
        return {
            "status": self.status,
            "income": cents(self.income),
            "deduction": cents(self.deduction),
            "itemized": self.uses_itemized,
            "taxable_income": cents(self.taxable_income),
            "tax_before_credits": self.tax_before_credits(),
            "income_tax": self.income_tax(),
            "balance_due": self.balance_due(),
            "marginal_rate": self.marginal_rate(),
            "effective_rate": self.effective_rate(),
        }
