from datetime import date, timedelta
from decimal import Decimal

import pytest

from toollend import (
    AlreadyReturned,
    LoanLimitReached,
    MemberBlocked,
    NotAvailable,
    RenewalRefused,
    UnknownMember,
    UnknownTool,
)

from .conftest import DAY0


def test_checkout_sets_due_date_seven_days_later(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    assert loan.due == date(2031, 5, 8)
    assert lib.available("drill") == 1


def test_checkout_unknowns(lib):
    with pytest.raises(UnknownMember):
        lib.checkout("zed", "drill", DAY0)
    with pytest.raises(UnknownTool):
        lib.checkout("ann", "hammer", DAY0)


def test_no_free_copy(lib):
    lib.checkout("ann", "saw", DAY0)
    with pytest.raises(NotAvailable):
        lib.checkout("bob", "saw", DAY0)


def test_copy_free_again_after_return(lib):
    loan = lib.checkout("ann", "saw", DAY0)
    lib.return_tool(loan.id, DAY0 + timedelta(days=2))
    assert lib.available("saw") == 1
    assert lib.checkout("bob", "saw", DAY0 + timedelta(days=2)).code == "SAW"


def test_three_loans_allowed_fourth_refused(lib):
    for code in ("drill", "saw", "ladder"):
        lib.checkout("ann", code, DAY0)
    with pytest.raises(LoanLimitReached):
        lib.checkout("ann", "sander", DAY0)


def test_return_on_due_date_is_free(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    assert lib.return_tool(loan.id, loan.due) == Decimal("0.00")
    assert lib.balance("ann") == Decimal("0.00")


def test_late_fee_per_day(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    assert lib.return_tool(loan.id, loan.due + timedelta(days=3)) == Decimal("4.50")
    assert lib.balance("ann") == Decimal("4.50")


def test_late_fee_capped(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    assert lib.return_tool(loan.id, loan.due + timedelta(days=30)) == Decimal("20.00")


def test_second_return_refused_and_not_charged(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    lib.return_tool(loan.id, loan.due + timedelta(days=1))
    with pytest.raises(AlreadyReturned):
        lib.return_tool(loan.id, loan.due + timedelta(days=2))
    assert lib.balance("ann") == Decimal("1.50")


def test_member_owing_exactly_ten_is_blocked(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    lib.return_tool(loan.id, loan.due + timedelta(days=7))  # 10.50
    lib.pay("ann", Decimal("0.50"))
    assert lib.balance("ann") == Decimal("10.00")
    with pytest.raises(MemberBlocked):
        lib.checkout("ann", "saw", DAY0 + timedelta(days=20))
    lib.pay("ann", Decimal("0.01"))
    assert lib.checkout("ann", "saw", DAY0 + timedelta(days=20)).member == "ann"


def test_pay_rules(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    lib.return_tool(loan.id, loan.due + timedelta(days=2))
    with pytest.raises(ValueError):
        lib.pay("ann", Decimal("3.01"))
    with pytest.raises(ValueError):
        lib.pay("ann", Decimal("0"))
    assert lib.pay("ann", Decimal("3.00")) == Decimal("0.00")


def test_renew_extends_from_old_due_date(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    assert lib.renew(loan.id, DAY0 + timedelta(days=2)) == date(2031, 5, 15)


def test_renew_on_due_date_allowed_but_not_after(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    lib.renew(loan.id, loan.due)
    with pytest.raises(RenewalRefused):
        lib.renew(loan.id, loan.due + timedelta(days=1))


def test_two_renewals_then_refused(lib):
    loan = lib.checkout("ann", "drill", DAY0)
    lib.renew(loan.id, DAY0)
    lib.renew(loan.id, DAY0)
    with pytest.raises(RenewalRefused):
        lib.renew(loan.id, DAY0)
    assert loan.due == date(2031, 5, 22)


def test_overdue_report(lib):
    a = lib.checkout("ann", "drill", DAY0 + timedelta(days=1))
    b = lib.checkout("bob", "saw", DAY0)
    c = lib.checkout("bob", "ladder", DAY0 + timedelta(days=3))
    on = DAY0 + timedelta(days=10)
    assert [loan.id for loan in lib.overdue(on)] == [b.id, a.id]
    assert c.due == on
    lib.return_tool(b.id, on)
    assert [loan.id for loan in lib.overdue(on)] == [a.id]
