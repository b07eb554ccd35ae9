from datetime import date
from decimal import Decimal

import pytest

from ledger import (
    Account,
    AccountType,
    DuplicateAccount,
    Entry,
    EntryAlreadyReversed,
    Ledger,
    LedgerError,
    Posting,
    UnbalancedEntry,
    UnknownAccount,
)

D = Decimal


def test_post_assigns_sequential_ids(ledger):
    first = ledger.transfer(date(2024, 1, 1), "Owner invests", "1000", "3000", 100)
    second = ledger.transfer(date(2024, 1, 2), "More", "1000", "3000", 50)
    assert (first.id, second.id) == (1, 2)
    assert ledger.entry(2) == second
    assert ledger.entries == (first, second)


def test_unbalanced_entry_is_refused(ledger):
    entry = Entry(date(2024, 1, 1), "typo", (Posting.debit("1000", "100.00"), Posting.credit("3000", "10.00")))
    with pytest.raises(UnbalancedEntry) as info:
        ledger.post(entry)
    assert info.value.debits == D("100.00")
    assert info.value.credits == D("10.00")
    assert ledger.entries == ()


def test_one_cent_off_is_still_unbalanced(ledger):
    entry = Entry(date(2024, 1, 1), "rounding", (Posting.debit("1000", "100.01"), Posting.credit("3000", "100.00")))
    with pytest.raises(UnbalancedEntry):
        ledger.post(entry)
    assert ledger.balance("1000") == D("0.00")


def test_amounts_that_round_to_the_same_cents_balance(ledger):
    entry = Entry(date(2024, 1, 1), "rounded", (Posting.debit("1000", "10.005"), Posting.credit("3000", "10.00")))
    ledger.post(entry)
    assert ledger.balance("1000") == D("10.00")


def test_split_entry_balances(ledger):
    ledger.post(
        Entry(
            date(2024, 2, 1),
            "Rent and supplies",
            (Posting.debit("5000", "600"), Posting.debit("5100", "45.50"), Posting.credit("1000", "645.50")),
        )
    )
    assert ledger.balance("5000") == D("600.00")
    assert ledger.balance("5100") == D("45.50")
    assert ledger.balance("1000") == D("-645.50")


def test_unknown_account_is_a_key_error(ledger):
    with pytest.raises(UnknownAccount) as info:
        ledger.account("9999")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, LedgerError)
    assert info.value.code == "9999"
    with pytest.raises(KeyError):
        ledger.balance("9999")


def test_posting_to_an_unknown_account_records_nothing(ledger):
    with pytest.raises(UnknownAccount) as info:
        ledger.transfer(date(2024, 1, 1), "mystery", "1000", "8888", 10)
    assert info.value.code == "8888"
    assert ledger.entries == ()
    assert ledger.balance("1000") == D("0.00")


def test_duplicate_account_code(ledger):
    with pytest.raises(DuplicateAccount):
        ledger.add_account(Account("1000", "Petty cash", AccountType.ASSET))
    assert ledger.account("1000").name == "Cash"


def test_accounts_sorted_by_code():
    ledger = Ledger([Account("5000", "Rent", "expense"), Account("1000", "Cash", "asset")])
    assert [a.code for a in ledger.accounts] == ["1000", "5000"]


def test_balances_are_signed_by_normal_side(january):
    assert january.balance("1000") == D("7300.00")
    assert january.balance("1100") == D("800.00")
    assert january.balance("2000") == D("150.50")
    assert january.balance("2100") == D("2000.00")
    assert january.balance("3000") == D("5000.00")
    assert january.balance("4000") == D("2000.00")
    assert january.balance("5000") == D("900.00")
    assert january.balance("5100") == D("150.50")


def test_paying_down_a_liability_reduces_it(january):
    january.transfer(date(2024, 2, 1), "Loan repayment", "2100", "1000", 500)
    assert january.balance("2100") == D("1500.00")
    assert january.balance("1000") == D("6800.00")


def test_balance_at_includes_entries_on_that_day(january):
    assert january.balance_at("1000", date(2023, 12, 31)) == D("0.00")
    assert january.balance_at("1000", date(2024, 1, 1)) == D("5000.00")
    assert january.balance_at("1000", date(2024, 1, 2)) == D("5000.00")
    assert january.balance_at("1000", date(2024, 1, 3)) == D("7000.00")
    assert january.balance_at("1000", date(2024, 1, 20)) == D("7300.00")
    assert january.balance_at("1000", None) == january.balance("1000")


def test_balances_map(january):
    balances = january.balances(date(2024, 1, 10))
    assert balances["1000"] == D("8200.00")
    assert balances["4000"] == D("1200.00")
    assert balances["5000"] == D("0.00")
    assert list(balances) == sorted(balances)


def test_trial_balance_balances(january):
    tb = january.trial_balance()
    assert tb.is_balanced
    assert tb.total_debit == tb.total_credit == D("9150.50")
    rows = {row.code: row for row in tb.rows}
    assert "3900" not in rows  # zero balance, left out
    assert (rows["1000"].debit, rows["1000"].credit) == (D("7300.00"), D("0.00"))
    assert (rows["4000"].debit, rows["4000"].credit) == (D("0.00"), D("2000.00"))
    assert rows["5100"].name == "Supplies"
    assert [row.code for row in tb.rows] == sorted(rows)


def test_trial_balance_as_of_a_date(january):
    tb = january.trial_balance(date(2024, 1, 3))
    assert tb.as_of == date(2024, 1, 3)
    assert {row.code for row in tb.rows} == {"1000", "2100", "3000"}
    assert tb.total_debit == D("7000.00")


def test_trial_balance_puts_an_overdrawn_asset_in_the_credit_column(ledger):
    ledger.transfer(date(2024, 3, 1), "Rent paid from an empty account", "5000", "1000", 250)
    rows = {row.code: row for row in ledger.trial_balance().rows}
    assert ledger.balance("1000") == D("-250.00")
    assert (rows["1000"].debit, rows["1000"].credit) == (D("0.00"), D("250.00"))
    assert (rows["5000"].debit, rows["5000"].credit) == (D("250.00"), D("0.00"))


def test_net_income(january):
    assert january.net_income() == D("949.50")
    assert january.net_income(date(2024, 1, 10), date(2024, 1, 15)) == D("2000.00")
    assert january.net_income(end=date(2024, 1, 20)) == D("1100.00")


def test_reverse_undoes_an_entry(january):
    reversal = january.reverse(5, date(2024, 2, 1))
    assert reversal.id == 7
    assert reversal.date == date(2024, 2, 1)
    assert reversal.description == "Reversal of #5: January rent"
    assert january.balance("5000") == D("0.00")
    assert january.balance("1000") == D("8200.00")
    assert january.balance_at("5000", date(2024, 1, 31)) == D("900.00")
    assert january.reversed_by(5) == 7
    assert january.reversed_by(4) is None
    sides = {(p.account, p.side.value) for p in reversal.postings}
    assert sides == {("5000", "credit"), ("1000", "debit")}


def test_reverse_with_own_description(january):
    reversal = january.reverse(4, date(2024, 2, 2), "Invoice 17 cancelled")
    assert reversal.description == "Invoice 17 cancelled"
    assert january.balance("1100") == D("0.00")


def test_an_entry_can_be_reversed_only_once(january):
    january.reverse(3, date(2024, 2, 1))
    with pytest.raises(EntryAlreadyReversed) as info:
        january.reverse(3, date(2024, 2, 2))
    assert info.value.reversed_by == 7
    assert january.balance("4000") == D("800.00")
    assert len(january.entries) == 7


def test_reverse_unknown_entry(january):
    with pytest.raises(KeyError):
        january.reverse(99, date(2024, 2, 1))
