"""Tax tables: brackets and standard deductions per filing status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from taxcalc.errors import UnknownFilingStatus

SINGLE = "single"
MARRIED_JOINTLY = "married_jointly"


@dataclass(frozen=True)
class Bracket:
    """Income above ``lower`` and up to ``upper`` (inclusive) is taxed at ``rate``; ``upper`` None is unbounded."""

    lower: Decimal
    upper: Decimal | None
    rate: Decimal


@dataclass(frozen=True)
class TaxTable:
    year: int
    brackets: Mapping[str, tuple[Bracket, ...]]
    standard_deductions: Mapping[str, Decimal]

    @classmethod
    def from_thresholds(
        cls,
        year: int,
        thresholds: Mapping[str, Sequence[tuple[str | int | None, str]]],
        standard_deductions: Mapping[str, str | int],
    ) -> TaxTable:
        """Build a table from ``{status: [(upper, rate), ..., (None, top_rate)]}`` with rising uppers."""
        if set(thresholds) != set(standard_deductions):
            raise ValueError("every filing status needs both brackets and a standard deduction")
        brackets: dict[str, tuple[Bracket, ...]] = {}
        for status, rows in thresholds.items():
            lower = Decimal(0)
            built = []
            for i, (upper, rate) in enumerate(rows):
                last = i == len(rows) - 1
                if (upper is None) != last:
                    raise ValueError(f"{status}: only the last bracket is unbounded")
                upper_dec = None if upper is None else Decimal(upper)
                if upper_dec is not None and upper_dec <= lower:
                    raise ValueError(f"{status}: bracket limits must rise")
                built.append(Bracket(lower, upper_dec, Decimal(rate)))
                if upper_dec is not None:
                    lower = upper_dec
            brackets[status] = tuple(built)
        deductions = {status: Decimal(amount) for status, amount in standard_deductions.items()}
        return cls(year, brackets, deductions)

    def statuses(self) -> list[str]:
        return sorted(self.brackets)

    def check_status(self, status: str) -> None:
        if status not in self.brackets:
            raise UnknownFilingStatus(status, self.statuses())

    def brackets_for(self, status: str) -> tuple[Bracket, ...]:
        return self.brackets[status]

    def standard_deduction_for(self, status: str) -> Decimal:
        return self.standard_deductions[status]


TABLE_2024 = TaxTable.from_thresholds(
    2024,
    {
        SINGLE: [
            (11600, "0.10"),
            (47150, "0.12"),
            (100525, "0.22"),
            (191950, "0.24"),
            (243725, "0.32"),
            (609350, "0.35"),
            (None, "0.37"),
        ],
        MARRIED_JOINTLY: [
            (23200, "0.10"),
            (94300, "0.12"),
            (201050, "0.22"),
            (383900, "0.24"),
            (487450, "0.32"),
            (731200, "0.35"),
            (None, "0.37"),
        ],
    },
    {SINGLE: 14600, MARRIED_JOINTLY: 29200},
)
