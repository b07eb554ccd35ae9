"""Exceptions raised by taxcalc."""

from __future__ import annotations


class TaxError(Exception):
    """Base class of taxcalc errors."""


class NegativeAmountError(TaxError, ValueError):
    """An income, deduction or credit amount is negative."""

    def __init__(self, what: str, amount: object) -> None:
        self.what = what
        self.amount = amount
        super().__init__(f"{what} cannot be negative: {amount}")


class UnknownFilingStatus(TaxError, ValueError):
    """The filing status is not in the tax table."""

    def __init__(self, status: str, known: list[str]) -> None:
        self.status = status
        self.known = known
        super().__init__(f"unknown filing status {status!r}; expected one of {', '.join(known)}")
