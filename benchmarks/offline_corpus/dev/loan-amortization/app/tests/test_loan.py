from decimal import Decimal

import pytest

from amortize import MAX_TERM_MONTHS, Installment, Loan, monthly_payment, schedule, to_cents, total_interest, total_paid

D = Decimal


@pytest.fixture
def car_loan():
    return Loan(D("10000"), D("0.06"), 12)


def test_loan_accepts_ints_and_strings():
    loan = Loan(1000, "0.05", 24)
    assert loan.principal == D("1000")
    assert loan.annual_rate == D("0.05")
    assert loan.monthly_rate == D("0.05") / 12


def test_loan_refuses_floats():
    with pytest.raises(TypeError):
        Loan(1000.0, "0.05", 24)


@pytest.mark.parametrize(
    ("principal", "rate", "months"),
    [(0, "0.05", 12), (-5, "0.05", 12), (1000, "-0.01", 12), (1000, "0.05", 0), (1000, "0.05", MAX_TERM_MONTHS + 1)],
)
def test_loan_validation(principal, rate, months):
    with pytest.raises(ValueError):
        Loan(principal, rate, months)


def test_term_limits_are_inclusive():
    assert MAX_TERM_MONTHS == 480
    assert Loan(1000, "0.05", 1).months == 1
    assert Loan(1000, "0.05", 480).months == 480


def test_to_cents_rounds_half_up():
    assert to_cents(D("0.125")) == D("0.13")
    assert to_cents(D("2.675")) == D("2.68")
    assert to_cents(D("-0.125")) == D("-0.13")
    assert to_cents(D("1.004")) == D("1.00")


@pytest.mark.parametrize(
    ("principal", "rate", "months", "payment"),
    [
        ("10000", "0.06", 12, "860.66"),
        ("200000", "0.045", 360, "1013.37"),
        ("1000", "0", 3, "333.33"),
        ("500", "0.12", 1, "505.00"),
    ],
)
def test_monthly_payment(principal, rate, months, payment):
    assert monthly_payment(Loan(principal, rate, months)) == D(payment)


def test_schedule_rows(car_loan):
    rows = schedule(car_loan)
    assert len(rows) == 12
    assert rows[0] == Installment(1, D("860.66"), D("50.00"), D("810.66"), D("0.00"), D("9189.34"))
    assert rows[1].interest == D("45.95")
    assert rows[1].balance == D("8374.63")


def test_last_installment_clears_the_balance(car_loan):
    rows = schedule(car_loan)
    last = rows[-1]
    assert last.principal == D("856.42")
    assert last.payment == D("860.70")
    assert last.balance == 0
    assert sum(row.principal for row in rows) == car_loan.principal


def test_zero_rate_schedule():
    rows = schedule(Loan(1000, 0, 3))
    assert [row.payment for row in rows] == [D("333.33"), D("333.33"), D("333.34")]
    assert total_interest(rows) == 0


def test_interest_rounds_half_up():
    rows = schedule(Loan(1001, "0.06", 2))
    assert rows[0].interest == D("5.01")


def test_totals(car_loan):
    rows = schedule(car_loan)
    assert total_interest(rows) == D("327.96")
    assert total_paid(rows) == D("10327.96")
    assert total_interest([]) == D("0.00")


def test_extra_payments_shorten_the_loan(car_loan):
    rows = schedule(car_loan, extra={3: D("2000"), 6: "5000"})
    assert len(rows) == 6
    assert rows[2].extra == D("2000")
    assert rows[2].balance == D("5555.84")
    assert rows[3].interest == D("27.78")
    # the second prepayment is capped at what is left
    assert rows[5].extra == D("3044.68")
    assert rows[5].balance == 0
    assert total_interest(rows) == D("208.64")
    assert total_paid(rows) == D("10208.64")


def test_extra_payment_on_the_first_month(car_loan):
    rows = schedule(car_loan, extra={1: "1000"})
    assert rows[0].extra == D("1000")
    assert rows[0].balance == D("8189.34")


def test_negative_extra_rejected(car_loan):
    with pytest.raises(ValueError):
        schedule(car_loan, extra={2: D("-1")})


def test_schedule_does_not_require_extra(car_loan):
    assert schedule(car_loan, extra={}) == schedule(car_loan)
