from decimal import Decimal

import pytest

from taxcalc import Credit, NegativeAmountError, TaxReturn, TaxTable, UnknownFilingStatus

D = Decimal


def test_itemized_used_when_larger():
    ret = TaxReturn("60000", itemized=["10000", "6000"])
    assert ret.uses_itemized
    assert ret.deduction == D("16000")
    assert ret.taxable_income == D("44000")
    assert ret.balance_due() == D("5048.00")


def test_standard_used_when_itemized_is_smaller():
    ret = TaxReturn("60000", itemized=["8000", "2000"])
    assert not ret.uses_itemized
    assert ret.deduction == D("14600")
    assert ret.balance_due() == D("5216.00")


def test_itemized_equal_to_standard():
    ret = TaxReturn("60000", itemized=["14600"])
    assert not ret.uses_itemized
    assert ret.deduction == D("14600")


def test_deduction_above_income_means_no_tax():
    ret = TaxReturn("5000", itemized=["20000"])
    assert ret.taxable_income == D("0")
    assert ret.balance_due() == D("0.00")


def test_nonrefundable_credit_reduces_tax():
    ret = TaxReturn("60000", credits=[Credit("child", D("2000"))])
    assert ret.tax_before_credits() == D("5216.00")
    assert ret.income_tax() == D("3216.00")
    assert ret.balance_due() == D("3216.00")


def test_nonrefundable_credit_stops_at_zero():
    ret = TaxReturn("60000", credits=[Credit("child", D("4000")), Credit("energy", D("3000"))])
    assert ret.income_tax() == D("0.00")
    assert ret.balance_due() == D("0.00")
    assert ret.refund() == D("0")


def test_refundable_credit_can_produce_a_refund():
    ret = TaxReturn("60000", credits=[Credit("earned income", D("6000"), refundable=True)])
    assert ret.income_tax() == D("5216.00")
    assert ret.balance_due() == D("-784.00")
    assert ret.refund() == D("784.00")


def test_refundable_applies_after_nonrefundable():
    ret = TaxReturn(
        "60000",
        credits=[
            Credit("earned income", D("1000"), refundable=True),
            Credit("child", D("6000")),
        ],
    )
    assert ret.income_tax() == D("0.00")
    assert ret.balance_due() == D("-1000.00")


def test_effective_rate_uses_tax_after_nonrefundable_credits():
    ret = TaxReturn("60000", credits=[Credit("child", D("2000")), Credit("eic", D("500"), refundable=True)])
    assert ret.effective_rate() == D("0.0536")


def test_rounds_half_up_once_at_the_end():
    # taxable 100.05 at 10% is 10.005
    assert TaxReturn("14700.05").balance_due() == D("10.01")
    assert TaxReturn("14700.15").balance_due() == D("10.02")


def test_no_rounding_per_bracket():
    table = TaxTable.from_thresholds(2030, {"x": [("100.05", "0.10"), (None, "0.30")]}, {"x": 0})
    ret = TaxReturn("200.10", "x", table=table)
    # 10.005 + 30.015 = 40.020
    assert ret.tax_before_credits() == D("40.02")


def test_credits_in_cents_round_at_the_end():
    ret = TaxReturn("14700.05", credits=[Credit("small", D("0.004"))])
    # 10.005 - 0.004 = 10.001
    assert ret.income_tax() == D("10.00")


def test_summary():
    summary = TaxReturn("60000", "single").summary()
    assert summary == {
        "status": "single",
        "income": D("60000.00"),
        "deduction": D("14600.00"),
        "itemized": False,
        "taxable_income": D("45400.00"),
        "tax_before_credits": D("5216.00"),
        "income_tax": D("5216.00"),
        "balance_due": D("5216.00"),
        "marginal_rate": D("0.12"),
        "effective_rate": D("0.0869"),
    }


def test_amounts_accept_int_str_and_decimal():
    assert TaxReturn(60000).balance_due() == TaxReturn("60000").balance_due() == TaxReturn(D("60000")).balance_due()


def test_zero_income_is_allowed():
    ret = TaxReturn(0)
    assert ret.balance_due() == D("0.00")
    assert ret.breakdown() == []


@pytest.mark.parametrize("income", ["-1", -5000, D("-0.01")])
def test_negative_income_is_refused(income):
    with pytest.raises(NegativeAmountError):
        TaxReturn(income)


def test_negative_deduction_or_credit_is_refused():
    with pytest.raises(NegativeAmountError):
        TaxReturn("50000", itemized=["-100"])
    with pytest.raises(ValueError):
        Credit("bad", D("-5"))


@pytest.mark.parametrize("income", [60000.0, True])
def test_floats_and_bools_are_refused(income):
    with pytest.raises(TypeError):
        TaxReturn(income)


@pytest.mark.parametrize("income", ["abc", "NaN", "Infinity"])
def test_non_numbers_are_refused(income):
    with pytest.raises(ValueError):
        TaxReturn(income)


@pytest.mark.parametrize("status", ["head_of_household", "Single", ""])
def test_unknown_status_is_refused(status):
    with pytest.raises(UnknownFilingStatus) as info:
        TaxReturn("50000", status)
    assert info.value.status == status
    assert isinstance(info.value, ValueError)
    assert "married_jointly, single" in str(info.value)
