from __future__ import annotations

from datetime import date
from decimal import Decimal


class LedgerError(Exception):
    """Base class for everything the ledger refuses."""


class UnbalancedEntry(LedgerError):
    """An entry whose debits and credits differ."""

    def __init__(self, debits: Decimal, credits: Decimal) -> None:
        self.debits = debits
        self.credits = credits
        super().__init__(f"entry is unbalanced: debits {debits} != credits {credits}")


class PeriodClosed(LedgerError):
    """A posting dated on or before the last closed date."""

    def __init__(self, when: date, closed_through: date) -> None:
        self.date = when
        self.closed_through = closed_through
        super().__init__(f"the period through {closed_through.isoformat()} is closed (entry dated {when.isoformat()})")


class UnknownAccount(LedgerError, KeyError):
    """An account code the ledger does not know."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)

    def __str__(self) -> str:
        return f"unknown account {self.code!r}"


class DuplicateAccount(LedgerError, ValueError):
    """An account code that is already in the chart of accounts."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"account {code!r} already exists")


class EntryAlreadyReversed(LedgerError):
    """A second reversal of the same entry."""

    def __init__(self, entry_id: int, reversed_by: int) -> None:
        self.entry_id = entry_id
        self.reversed_by = reversed_by
        super().__init__(f"entry {entry_id} was already reversed by entry {reversed_by}")
