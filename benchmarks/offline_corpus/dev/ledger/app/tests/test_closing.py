from datetime import date
from decimal import Decimal

import pytest

from ledger import Account, AccountType, Ledger, PeriodClosed, Side

D = Decimal


def test_close_moves_income_and_expenses_to_retained_earnings(january):
    closing = january.close_period(date(2024, 1, 31))
    assert closing.date == date(2024, 1, 31)
    assert january.balance("4000") == D("0.00")
    assert january.balance("5000") == D("0.00")
    assert january.balance("5100") == D("0.00")
    assert january.balance("3900") == D("949.50")
    assert january.trial_balance().is_balanced
    lines = {(p.account, p.side, p.amount) for p in closing.postings}
    assert lines == {
        ("4000", Side.DEBIT, D("2000.00")),
        ("5000", Side.CREDIT, D("900.00")),
        ("5100", Side.CREDIT, D("150.50")),
        ("3900", Side.CREDIT, D("949.50")),
    }


def test_close_leaves_permanent_accounts_alone(january):
    january.close_period(date(2024, 1, 31))
    assert january.balance("1000") == D("7300.00")
    assert january.balance("2100") == D("2000.00")
    assert january.balance("3000") == D("5000.00")


def test_close_with_a_loss_debits_retained_earnings(ledger):
    ledger.transfer(date(2024, 1, 5), "Sales", "1000", "4000", 100)
    ledger.transfer(date(2024, 1, 6), "Rent", "5000", "1000", 400)
    ledger.close_period(date(2024, 1, 31))
    assert ledger.balance("3900") == D("-300.00")
    assert ledger.balance("4000") == D("0.00")
    assert ledger.balance("5000") == D("0.00")


def test_close_only_counts_entries_up_to_the_date(january):
    january.transfer(date(2024, 2, 3), "February sales", "1000", "4000", 300)
    january.close_period(date(2024, 1, 31))
    assert january.balance("4000") == D("300.00")
    assert january.balance("3900") == D("949.50")


def test_no_posting_on_or_before_the_closed_date(january):
    january.close_period(date(2024, 1, 31))
    with pytest.raises(PeriodClosed) as info:
        january.transfer(date(2024, 1, 31), "Late invoice", "1100", "4000", 10)
    assert info.value.closed_through == date(2024, 1, 31)
    with pytest.raises(PeriodClosed):
        january.transfer(date(2024, 1, 12), "Backdated", "1100", "4000", 10)
    entry = january.transfer(date(2024, 2, 1), "Next day", "1100", "4000", 10)
    assert entry.id == 8


def test_reversal_into_a_closed_period_is_refused(january):
    january.close_period(date(2024, 1, 31))
    with pytest.raises(PeriodClosed):
        january.reverse(5, date(2024, 1, 31))
    assert january.reversed_by(5) is None
    assert january.reverse(5, date(2024, 2, 1)).id == 8


def test_closing_again_needs_a_later_date(january):
    january.close_period(date(2024, 1, 31))
    with pytest.raises(PeriodClosed):
        january.close_period(date(2024, 1, 31))
    with pytest.raises(PeriodClosed):
        january.close_period(date(2024, 1, 15))
    january.transfer(date(2024, 2, 10), "February rent", "5000", "1000", 900)
    january.close_period(date(2024, 2, 29))
    assert january.closed_through == date(2024, 2, 29)
    assert january.balance("3900") == D("49.50")


def test_closing_with_nothing_to_move(ledger):
    ledger.transfer(date(2024, 1, 1), "Owner invests", "1000", "3000", 100)
    assert ledger.close_period(date(2024, 1, 31)) is None
    assert ledger.closed_through == date(2024, 1, 31)
    assert len(ledger.entries) == 1


def test_closing_needs_an_equity_retained_earnings_account():
    ledger = Ledger([Account("1000", "Cash", AccountType.ASSET)], retained_earnings="1000")
    with pytest.raises(ValueError):
        ledger.close_period(date(2024, 1, 31))
    with pytest.raises(KeyError):
        Ledger([], retained_earnings="3900").close_period(date(2024, 1, 31))
