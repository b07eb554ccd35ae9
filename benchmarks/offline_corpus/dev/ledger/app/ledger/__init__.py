"""Double-entry bookkeeping: accounts, balanced entries, balances, trial balance and period closing."""

from .accounts import Account, AccountType
from .entries import Entry, Posting, Side
from .errors import (
    DuplicateAccount,
    EntryAlreadyReversed,
    LedgerError,
    PeriodClosed,
    UnbalancedEntry,
    UnknownAccount,
)
from .ledger import Ledger, TrialBalance, TrialBalanceRow
from .money import to_money

__all__ = [
    "Account",
    "AccountType",
    "DuplicateAccount",
    "Entry",
    "EntryAlreadyReversed",
    "Ledger",
    "LedgerError",
    "PeriodClosed",
    "Posting",
    "Side",
    "TrialBalance",
    "TrialBalanceRow",
    "UnbalancedEntry",
    "UnknownAccount",
    "to_money",
]
