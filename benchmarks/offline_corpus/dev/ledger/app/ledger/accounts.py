from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class AccountType(str, Enum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def debit_normal(self) -> bool:
        """True for the types whose balance grows with debits (assets and expenses)."""
        return self in _DEBIT_NORMAL

    @property
    def temporary(self) -> bool:
        """Income and expense accounts are emptied into retained earnings when a period closes."""
        return self in (AccountType.INCOME, AccountType.EXPENSE)


_DEBIT_NORMAL = frozenset({AccountType.ASSET, AccountType.EXPENSE})


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    type: AccountType

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not self.code.strip():
            raise ValueError("an account needs a non-empty code")
        if not self.name.strip():
            raise ValueError("an account needs a name")
        if not isinstance(self.type, AccountType):
            object.__setattr__(self, "type", AccountType(self.type))
