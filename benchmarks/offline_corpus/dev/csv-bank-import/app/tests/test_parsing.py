import datetime as dt
from decimal import Decimal

import pytest

from bankimport import parse_amount, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-3-5", dt.date(2024, 3, 5)),
        ("05/03/2024", dt.date(2024, 3, 5)),
        ("5.3.2024", dt.date(2024, 3, 5)),
        ("05-03-2024", dt.date(2024, 3, 5)),
        (" 31/12/2023 ", dt.date(2023, 12, 31)),
        ("29/02/2024", dt.date(2024, 2, 29)),
    ],
)
def test_dates_day_first(text, expected):
    assert parse_date(text) == expected


def test_month_first_when_asked():
    assert parse_date("03/05/2024", day_first=False) == dt.date(2024, 3, 5)
    assert parse_date("12/31/2023", day_first=False) == dt.date(2023, 12, 31)


def test_iso_dates_do_not_depend_on_day_first():
    assert parse_date("2024-03-05", day_first=False) == dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "05/03/24", "2024/03/05", "31/02/2024", "13/13/2024", "2024-13-01", "29/02/2023"]
)
def test_bad_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_day_first_refuses_a_month_first_date():
    with pytest.raises(ValueError):
        parse_date("12/31/2023")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12.50", "12.50"),
        ("-12.50", "-12.50"),
        ("+3", "3"),
        ("1,234.56", "1234.56"),
        ("1,234,567", "1234567"),
        ("1234.5", "1234.5"),
        ("(12.00)", "-12.00"),
        (" 0.99 ", "0.99"),
        ("- 5", "-5"),
    ],
)
def test_amounts_with_a_decimal_point(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,50", "12.50"),
        ("-12,50", "-12.50"),
        ("1.234,56", "1234.56"),
        ("1 234,56", "1234.56"),
        ("1.234.567", "1234567"),
        ("1234", "1234"),
    ],
)
def test_amounts_with_a_decimal_comma(text, expected):
    assert parse_amount(text, decimal_comma=True) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "12.50 EUR", "$12", "1,23.45", "12,34,567", "1.234,56", "--5", "1e3"])
def test_bad_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize("text", ["1,234.56", "1.23,4", "12,", "1..234"])
def test_bad_decimal_comma_amounts(text):
    with pytest.raises(ValueError):
        parse_amount(text, decimal_comma=True)


def test_amounts_keep_their_places():
    assert str(parse_amount("12.50")) == "12.50"
    assert str(parse_amount("1.234,50", decimal_comma=True)) == "1234.50"
