from decimal import Decimal

import pytest

from taxcalc import TABLE_2024, Bracket, TaxReturn, TaxTable

D = Decimal


@pytest.mark.parametrize(
    ("income", "status", "expected"),
    [
        ("0", "single", "0.00"),
        ("14600", "single", "0.00"),
        ("20000", "single", "540.00"),
        ("60000", "single", "5216.00"),
        ("100000", "single", "13841.00"),
        ("1000000", "single", "322785.75"),
        ("29200", "married_jointly", "0.00"),
        ("50000", "married_jointly", "2080.00"),
        ("150000", "married_jointly", "16682.00"),
    ],
)
def test_tax_with_standard_deduction(income, status, expected):
    assert TaxReturn(income, status).balance_due() == D(expected)


def test_standard_deductions_2024():
    assert TaxReturn("1", "single").standard_deduction == D("14600")
    assert TaxReturn("1", "married_jointly").standard_deduction == D("29200")


def test_breakdown_lists_each_bracket_reached():
    lines = TaxReturn("100000").breakdown()
    assert [(line.lower, line.upper, line.rate) for line in lines] == [
        (D("0"), D("11600"), D("0.10")),
        (D("11600"), D("47150"), D("0.12")),
        (D("47150"), D("100525"), D("0.22")),
    ]
    assert [line.amount for line in lines] == [D("11600"), D("35550"), D("38250")]
    assert [line.tax for line in lines] == [D("1160.00"), D("4266.00"), D("8415.00")]
    assert sum(line.tax for line in lines) == TaxReturn("100000").tax_before_credits()


def test_breakdown_top_bracket_is_open_ended():
    lines = TaxReturn("1000000").breakdown()
    assert len(lines) == 7
    assert lines[-1].upper is None
    assert lines[-1].amount == D("376050")
    assert lines[-1].rate == D("0.37")


def test_breakdown_stops_at_a_bracket_limit():
    lines = TaxReturn(D("14600") + D("11600")).breakdown()
    assert len(lines) == 1
    assert lines[0].amount == D("11600")


def test_breakdown_is_empty_without_taxable_income():
    assert TaxReturn("10000").breakdown() == []


def test_breakdown_taxes_are_exact():
    lines = TaxReturn("14700.05").breakdown()
    assert lines[0].tax == D("10.005")


@pytest.mark.parametrize(
    ("taxable", "rate"),
    [
        ("0", "0.10"),
        ("11600", "0.10"),
        ("11600.01", "0.12"),
        ("47150", "0.12"),
        ("47151", "0.22"),
        ("609350", "0.35"),
        ("609350.01", "0.37"),
        ("5000000", "0.37"),
    ],
)
def test_marginal_rate_single(taxable, rate):
    assert TaxReturn(D(taxable) + D("14600")).marginal_rate() == D(rate)


def test_marginal_rate_married_jointly():
    assert TaxReturn(D("29200") + D("23200"), "married_jointly").marginal_rate() == D("0.10")
    assert TaxReturn(D("29200") + D("23201"), "married_jointly").marginal_rate() == D("0.12")


def test_effective_rate_is_over_gross_income():
    assert TaxReturn("60000").effective_rate() == D("0.0869")
    assert TaxReturn("150000", "married_jointly").effective_rate() == D("0.1112")
    assert TaxReturn("0").effective_rate() == D("0")


def test_custom_table():
    table = TaxTable.from_thresholds(
        2030, {"flat": [(1000, "0.05"), (None, "0.25")]}, {"flat": 0}
    )
    ret = TaxReturn("3000", "flat", table=table)
    assert ret.balance_due() == D("550.00")
    assert ret.marginal_rate() == D("0.25")


@pytest.mark.parametrize(
    "rows",
    [
        [(1000, "0.1"), (500, "0.2"), (None, "0.3")],
        [(1000, "0.1"), (2000, "0.2")],
        [(None, "0.1"), (1000, "0.2")],
    ],
)
def test_table_rejects_bad_brackets(rows):
    with pytest.raises(ValueError):
        TaxTable.from_thresholds(2030, {"x": rows}, {"x": 0})


def test_table_2024_statuses():
    assert TABLE_2024.statuses() == ["married_jointly", "single"]
    assert TABLE_2024.brackets_for("single")[0] == Bracket(D("0"), D("11600"), D("0.10"))
