from datetime import date
from decimal import Decimal

import pytest

from ledger import Account, AccountType, Entry, Posting, Side, to_money


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10", "10.00"),
        (3, "3.00"),
        ("10.005", "10.00"),
        ("10.015", "10.02"),
        ("0.125", "0.12"),
        ("0.135", "0.14"),
        ("2.675", "2.68"),
        (0.1, "0.10"),
        (Decimal("-1.005"), "-1.00"),
    ],
)
def test_to_money_quantises_to_cents_half_even(value, expected):
    result = to_money(value)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", True, None])
def test_to_money_rejects_non_amounts(value):
    with pytest.raises((ValueError, TypeError)):
        to_money(value)


def test_posting_amounts_are_rounded_half_even():
    assert Posting.debit("1000", "19.995").amount == Decimal("20.00")
    assert Posting.debit("1000", "19.985").amount == Decimal("19.98")


def test_posting_sides_and_helpers():
    debit = Posting.debit("1000", 5)
    credit = Posting.credit("4000", 5)
    assert debit.side is Side.DEBIT and credit.side is Side.CREDIT
    assert debit.signed() == Decimal("5.00")
    assert credit.signed() == Decimal("-5.00")
    assert Posting("1000", "credit", "1").side is Side.CREDIT


@pytest.mark.parametrize("amount", ["0", "0.00", "0.004", "-5"])
def test_posting_amount_must_be_positive(amount):
    with pytest.raises(ValueError):
        Posting.debit("1000", amount)


def test_posting_is_frozen():
    posting = Posting.debit("1000", 5)
    with pytest.raises(AttributeError):
        posting.amount = Decimal("6")


def test_entry_needs_two_postings():
    with pytest.raises(ValueError):
        Entry(date(2024, 1, 1), "one-sided", (Posting.debit("1000", 5),))


def test_entry_totals():
    entry = Entry(
        date(2024, 1, 1),
        "split",
        [Posting.debit("5000", "60.10"), Posting.debit("5100", "39.90"), Posting.credit("1000", "100")],
    )
    assert isinstance(entry.postings, tuple)
    assert entry.debits == Decimal("100.00")
    assert entry.credits == Decimal("100.00")
    assert entry.is_balanced
    assert entry.accounts() == {"5000", "5100", "1000"}


def test_account_type_from_string_and_normal_sides():
    assert Account("1", "Cash", "asset").type is AccountType.ASSET
    assert AccountType.ASSET.debit_normal
    assert AccountType.EXPENSE.debit_normal
    assert not AccountType.LIABILITY.debit_normal
    assert not AccountType.EQUITY.debit_normal
    assert not AccountType.INCOME.debit_normal


def test_account_validation():
    with pytest.raises(ValueError):
        Account("", "Nothing", AccountType.ASSET)
    with pytest.raises(ValueError):
        Account("1000", "Cash", "gold")
