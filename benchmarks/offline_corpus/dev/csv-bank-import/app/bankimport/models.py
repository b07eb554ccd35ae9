from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .errors import RowError


def normalise_description(text: str) -> str:
    """How descriptions are compared for duplicates: case-insensitive, whitespace collapsed."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Transaction:
    """One statement line. ``amount`` is signed: money out is negative."""

    date: dt.date
    amount: Decimal
    description: str
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[dt.date, Decimal, str]:
        return (self.date, self.amount, normalise_description(self.description))


@dataclass(frozen=True)
class Duplicate:
    """A line that was not imported because the same transaction is already known.

    ``first_line`` is the earlier line of this file it repeats, or ``None`` when it matched a
    transaction passed in ``known``.
    """

    transaction: Transaction
    first_line: int | None


@dataclass
class ImportReport:
    transactions: list[Transaction] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> Decimal:
        return sum((t.amount for t in self.transactions), Decimal("0"))

    def error_lines(self) -> list[int]:
        return [error.line for error in self.errors]
