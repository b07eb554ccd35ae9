from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum

from .money import to_money


class Side(str, Enum):
    DEBIT = "debit"
    CREDIT = "credit"

    def opposite(self) -> Side:
        return Side.CREDIT if self is Side.DEBIT else Side.DEBIT


@dataclass(frozen=True)
class Posting:
    """One line of an entry: an amount debited or credited to an account code."""

    account: str
    side: Side
    amount: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.side, Side):
            object.__setattr__(self, "side", Side(self.side))
        amount = to_money(self.amount)
        if amount <= 0:
            raise ValueError(f"a posting amount must be positive, got {amount}")
        object.__setattr__(self, "amount", amount)

    @classmethod
    def debit(cls, account: str, amount: Decimal | int | str) -> Posting:
        return cls(account, Side.DEBIT, amount)

    @classmethod
    def credit(cls, account: str, amount: Decimal | int | str) -> Posting:
        return cls(account, Side.CREDIT, amount)

    def signed(self) -> Decimal:
        """The amount as a debit-positive number."""
        return self.amount if self.side is Side.DEBIT else -self.amount


@dataclass(frozen=True)
class Entry:
    """A dated journal entry. `id` is given by the ledger when the entry is posted."""

    date: date
    description: str
    postings: tuple[Posting, ...]
    id: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        postings = tuple(self.postings)
        if len(postings) < 2:
            raise ValueError("an entry needs at least two postings")
        object.__setattr__(self, "postings", postings)

    @property
    def debits(self) -> Decimal:
        return sum((p.amount for p in self.postings if p.side is Side.DEBIT), Decimal("0.00"))

    @property
    def credits(self) -> Decimal:
        return sum((p.amount for p in self.postings if p.side is Side.CREDIT), Decimal("0.00"))

    @property
    def is_balanced(self) -> bool:
        return self.debits == self.credits

    def accounts(self) -> set[str]:
        return {p.account for p in self.postings}
