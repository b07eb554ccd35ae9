from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .accounts import Account, AccountType
from .entries import Entry, Posting, Side
from .errors import DuplicateAccount, EntryAlreadyReversed, PeriodClosed, UnbalancedEntry, UnknownAccount

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TrialBalanceRow:
    code: str
    name: str
    debit: Decimal
    credit: Decimal


@dataclass(frozen=True)
class TrialBalance:
    as_of: date | None
    rows: tuple[TrialBalanceRow, ...]

    @property
    def total_debit(self) -> Decimal:
        return sum((r.debit for r in self.rows), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((r.credit for r in self.rows), ZERO)

    @property
    def is_balanced(self) -> bool:
        return self.total_debit == self.total_credit


class Ledger:
    """A chart of accounts and the journal entries posted against it.

    Entries are checked when posted: every account must exist, debits must equal credits and the date must fall
    after the last closed period. Posted entries are never changed; mistakes are undone with `reverse()`.
    """

    def __init__(self, accounts: Iterable[Account] = (), *, retained_earnings: str = "3900") -> None:
        self._accounts: dict[str, Account] = {}
        self._entries: list[Entry] = []
        self._reversed_by: dict[int, int] = {}
        self._next_id = 1
        self.retained_earnings = retained_earnings
        self.closed_through: date | None = None
        for account in accounts:
            self.add_account(account)

    # -- chart of accounts ------------------------------------------------------------------------------------

    def add_account(self, account: Account) -> Account:
        if account.code in self._accounts:
            raise DuplicateAccount(account.code)
        self._accounts[account.code] = account
        return account

    def account(self, code: str) -> Account:
        try:
            return self._accounts[code]
        except KeyError:
            raise UnknownAccount(code) from None

    @property
    def accounts(self) -> list[Account]:
        return sorted(self._accounts.values(), key=lambda a: a.code)

    # -- posting ----------------------------------------------------------------------------------------------

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._entries)

    def entry(self, entry_id: int) -> Entry:
        for entry in self._entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(entry_id)

    def post(self, entry: Entry) -> Entry:
        """Validate and record `entry`; answers the recorded entry, which carries its id."""
        for code in entry.accounts():
            self.account(code)
        if entry.debits != entry.credits:
            raise UnbalancedEntry(entry.debits, entry.credits)
        if self.closed_through is not None and entry.date <= self.closed_through:
            raise PeriodClosed(entry.date, self.closed_through)
        recorded = dataclasses.replace(entry, id=self._next_id)
        self._next_id += 1
        self._entries.append(recorded)
        return recorded

    def transfer(self, when: date, description: str, debit: str, credit: str, amount: Decimal | int | str) -> Entry:
        """Post a two-line entry: `amount` debited to one account and credited to another."""
        return self.post(Entry(when, description, (Posting.debit(debit, amount), Posting.credit(credit, amount))))

    def reverse(self, entry_id: int, when: date, description: str | None = None) -> Entry:
        """Post the mirror image of entry `entry_id` on `when` (every debit becomes a credit and back)."""
        original = self.entry(entry_id)
        if entry_id in self._reversed_by:
            raise EntryAlreadyReversed(entry_id, self._reversed_by[entry_id])
        postings = tuple(Posting(p.account, p.side.opposite(), p.amount) for p in original.postings)
        text = description or f"Reversal of #{entry_id}: {original.description}"
        reversal = self.post(Entry(when, text, postings))
        self._reversed_by[entry_id] = reversal.id
        return reversal

    def reversed_by(self, entry_id: int) -> int | None:
        return self._reversed_by.get(entry_id)

    # -- balances ---------------------------------------------------------------------------------------------

    def _debit_total(self, code: str, through: date | None) -> Decimal:
        total = ZERO
        for entry in self._entries:
            if through is not None and entry.date > through:
                continue
            for posting in entry.postings:
                if posting.account == code:
                    total += posting.signed()
        return total

    def balance(self, code: str) -> Decimal:
        """The account's balance over every posted entry, positive on its normal side."""
        return self.balance_at(code, None)

    def balance_at(self, code: str, when: date | None) -> Decimal:
        """The account's balance counting entries dated on or before `when` (all of them for None)."""
        account = self.account(code)
        net_debit = self._debit_total(code, when)
        return net_debit if account.type.debit_normal else -net_debit

    def balances(self, when: date | None = None) -> dict[str, Decimal]:
        return {account.code: self.balance_at(account.code, when) for account in self.accounts}

    def trial_balance(self, when: date | None = None) -> TrialBalance:
        """Every account with a non-zero balance, its net debit or net credit in the matching column."""
        rows = []
        for account in self.accounts:
            net_debit = self._debit_total(account.code, when)
            if net_debit == 0:
                continue
            if net_debit > 0:
                rows.append(TrialBalanceRow(account.code, account.name, net_debit, ZERO))
            else:
                rows.append(TrialBalanceRow(account.code, account.name, ZERO, -net_debit))
        return TrialBalance(when, tuple(rows))

    def net_income(self, start: date | None = None, end: date | None = None) -> Decimal:
        """Income minus expenses for entries dated from `start` to `end`, both inclusive."""
        total = ZERO
        for entry in self._entries:
            if start is not None and entry.date < start:
                continue
            if end is not None and entry.date > end:
                continue
            for posting in entry.postings:
                account = self._accounts[posting.account]
                if account.type.temporary:
                    total -= posting.signed()
        return total

    # -- closing ----------------------------------------------------------------------------------------------

    def close_period(self, through: date) -> Entry | None:
        """Empty every income and expense account into retained earnings with an entry dated `through`, then
        refuse postings dated on or before `through`. Answers the closing entry (None when there was nothing to
        move)."""
        if self.closed_through is not None and through <= self.closed_through:
            raise PeriodClosed(through, self.closed_through)
        earnings = self.account(self.retained_earnings)
        if earnings.type is not AccountType.EQUITY:
            raise ValueError(f"retained earnings account {earnings.code!r} is not an equity account")
        postings: list[Posting] = []
        to_earnings = ZERO
        for account in self.accounts:
            if not account.type.temporary:
                continue
            net_debit = self._debit_total(account.code, through)
            if net_debit == 0:
                continue
            # Post the opposite side to bring the account to zero.
            side = Side.CREDIT if net_debit > 0 else Side.DEBIT
            postings.append(Posting(account.code, side, abs(net_debit)))
            to_earnings += net_debit
        closing = None
        if to_earnings != 0:
            side = Side.DEBIT if to_earnings > 0 else Side.CREDIT
            postings.append(Posting(earnings.code, side, abs(to_earnings)))
        if postings:
            closing = self.post(Entry(through, f"Close period through {through.isoformat()}", tuple(postings)))
        self.closed_through = through
        return closing
