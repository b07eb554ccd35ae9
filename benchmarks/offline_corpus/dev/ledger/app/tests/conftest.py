from datetime import date

import pytest

from ledger import Account, AccountType, Ledger


@pytest.fixture
def chart():
    return [
        Account("1000", "Cash", AccountType.ASSET),
        Account("1100", "Accounts receivable", AccountType.ASSET),
        Account("2000", "Accounts payable", AccountType.LIABILITY),
        Account("2100", "Bank loan", AccountType.LIABILITY),
        Account("3000", "Owner's capital", AccountType.EQUITY),
        Account("3900", "Retained earnings", AccountType.EQUITY),
        Account("4000", "Sales", AccountType.INCOME),
        Account("5000", "Rent", AccountType.EXPENSE),
        Account("5100", "Supplies", AccountType.EXPENSE),
    ]


@pytest.fixture
def ledger(chart):
    return Ledger(chart)


@pytest.fixture
def january(ledger):
    """A month of trading: capital in, a loan, sales for cash and on credit, rent and supplies."""
    ledger.transfer(date(2024, 1, 1), "Owner invests", "1000", "3000", "5000.00")
    ledger.transfer(date(2024, 1, 3), "Bank loan", "1000", "2100", "2000.00")
    ledger.transfer(date(2024, 1, 10), "Cash sales", "1000", "4000", "1200.00")
    ledger.transfer(date(2024, 1, 15), "Invoice 17", "1100", "4000", "800.00")
    ledger.transfer(date(2024, 1, 20), "January rent", "5000", "1000", "900.00")
    ledger.transfer(date(2024, 1, 31), "Supplies on account", "5100", "2000", "150.50")
    return ledger
