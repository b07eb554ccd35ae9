from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .errors import (
    AlreadyReturned,
    DuplicateTool,
    LoanLimitReached,
    MemberBlocked,
    NotAvailable,
    RenewalRefused,
    UnknownLoan,
    UnknownMember,
    UnknownTool,
)

CENT = Decimal("0.01")


@dataclass
class Tool:
    code: str
    name: str
    copies: int


@dataclass
class Loan:
    id: int
    member: str
    code: str
    taken_on: date
    due: date
    renewals: int = 0
    returned_on: date | None = None
    fee: Decimal = field(default_factory=lambda: Decimal("0.00"))

    @property
    def active(self) -> bool:
        return self.returned_on is None


class ToolLibrary:
    def __init__(
        self,
        *,
        loan_days: int = 7,
        max_loans: int = 3,
        max_renewals: int = 2,
        late_fee_per_day: Decimal = Decimal("1.50"),
        fee_cap: Decimal = Decimal("20.00"),
        block_at: Decimal = Decimal("10.00"),
    ):
        self.loan_days = loan_days
        self.max_loans = max_loans
        self.max_renewals = max_renewals
        self.late_fee_per_day = late_fee_per_day
        self.fee_cap = fee_cap
        self.block_at = block_at
        self._tools: dict[str, Tool] = {}
        self._balances: dict[str, Decimal] = {}
        self._loans: dict[int, Loan] = {}
        self._ids = itertools.count(1)

    # -- catalogue and members -------------------------------------------------

    def add_tool(self, code: str, name: str, copies: int = 1) -> Tool:
        code = code.strip().upper()
        if not code:
            raise ValueError("a tool needs a code")
        if copies < 1:
            raise ValueError("a tool needs at least one copy")
        if code in self._tools:
            raise DuplicateTool(code)
        tool = self._tools[code] = Tool(code, name, copies)
        return tool

    def add_member(self, member: str) -> None:
        self._balances.setdefault(member, Decimal("0.00"))

    def balance(self, member: str) -> Decimal:
        if member not in self._balances:
            raise UnknownMember(member)
        return self._balances[member]

    def _tool(self, code: str) -> Tool:
        try:
            return self._tools[code.strip().upper()]
        except KeyError:
            raise UnknownTool(code) from None

    def _loan(self, loan_id: int) -> Loan:
        try:
            return self._loans[loan_id]
        except KeyError:
            raise UnknownLoan(loan_id) from None

    # -- loans -----------------------------------------------------------------

    def active_loans(self, member: str) -> list[Loan]:
        return [loan for loan in self._loans.values() if loan.member == member and loan.active]

    def available(self, code: str) -> int:
        tool = self._tool(code)
        out = sum(1 for loan in self._loans.values() if loan.code == tool.code and loan.active)
        return tool.copies - out

    def checkout(self, member: str, code: str, on: date) -> Loan:
        balance = self.balance(member)
        tool = self._tool(code)
        if balance >= self.block_at:
            raise MemberBlocked(f"{member} owes {balance}")
        if len(self.active_loans(member)) >= self.max_loans:
            raise LoanLimitReached(member)
        if self.available(tool.code) <= 0:
            raise NotAvailable(tool.code)
        loan = Loan(next(self._ids), member, tool.code, on, on + timedelta(days=self.loan_days))
        self._loans[loan.id] = loan
        return loan

    def late_fee(self, loan: Loan, on: date) -> Decimal:
        days_late = (on - loan.due).days
        if days_late <= 0:
            return Decimal("0.00")
        return min(self.late_fee_per_day * days_late, self.fee_cap).quantize(CENT)

    def return_tool(self, loan_id: int, on: date) -> Decimal:
        loan = self._loan(loan_id)
        if not loan.active:
            raise AlreadyReturned(loan_id)
        if on < loan.taken_on:
            raise ValueError("a tool cannot come back before it went out")
        loan.returned_on = on
        loan.fee = self.late_fee(loan, on)
        self._balances[loan.member] += loan.fee
        return loan.fee

    def renew(self, loan_id: int, on: date) -> date:
        loan = self._loan(loan_id)
        if not loan.active:
            raise AlreadyReturned(loan_id)
        if on > loan.due:
            raise RenewalRefused("the loan is overdue")
        if loan.renewals >= self.max_renewals:
            raise RenewalRefused("no renewals left")
        loan.renewals += 1
        loan.due = loan.due + timedelta(days=self.loan_days)
        return loan.due

    def pay(self, member: str, amount: Decimal) -> Decimal:
        balance = self.balance(member)
        amount = Decimal(amount)
        if amount <= 0:
            raise ValueError("a payment must be positive")
        if amount > balance:
            raise ValueError(f"only {balance} is owed")
        self._balances[member] = balance - amount
        return self._balances[member]

    def overdue(self, on: date) -> list[Loan]:
        late = [loan for loan in self._loans.values() if loan.active and loan.due < on]
        return sorted(late, key=lambda loan: (loan.due, loan.id))
