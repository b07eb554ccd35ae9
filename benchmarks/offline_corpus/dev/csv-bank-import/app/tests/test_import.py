import datetime as dt
from decimal import Decimal

import pytest

from bankimport import HeaderError, RowError, Transaction, import_statement


def test_signed_amount_statement():
    text = "Date,Amount,Description\n2024-03-01,-4.50,Coffee\n2024-03-02,\"1,200.00\",Salary\n"
    report = import_statement(text)
    assert report.ok
    assert report.transactions == [
        Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee"),
        Transaction(dt.date(2024, 3, 2), Decimal("1200.00"), "Salary"),
    ]
    assert [t.line for t in report.transactions] == [2, 3]
    assert report.total == Decimal("1195.50")
    assert report.duplicates == []


@pytest.mark.parametrize(
    "header",
    [
        "Date,Amount,Description",
        "Booking Date,Amt,Details",
        "transaction_date,transaction-amount,MEMO",
        "  Posting   Date ,Value,Narrative",
        "Value Date,Amount,Payee",
    ],
)
def test_header_aliases(header):
    report = import_statement(f"{header}\n2024-03-01,-4.50,Coffee\n")
    assert report.ok
    assert report.transactions == [Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee")]


def test_columns_may_come_in_any_order_and_unknown_ones_are_ignored():
    text = "Category,Description,Balance,Amount,Date\nfood,Coffee,95.50,-4.50,01/03/2024\n"
    report = import_statement(text)
    assert report.transactions == [Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee")]


def test_byte_order_mark_before_the_header():
    text = "\ufeffDate,Amount,Description\n2024-03-01,10,Refund\n"
    assert import_statement(text).transactions[0].description == "Refund"


@pytest.mark.parametrize(
    "header",
    [
        "Amount,Description",
        "Date,Amount",
        "Date,Description",
        "Date,Description,Debit",
        "Date,Date,Amount,Description",
        "Date,Booking date,Amount,Description",
    ],
)
def test_unusable_headers(header):
    with pytest.raises(HeaderError):
        import_statement(f"{header}\n")


def test_empty_text():
    with pytest.raises(HeaderError):
        import_statement("")


def test_debit_and_credit_columns():
    text = (
        "Date,Description,Money Out,Money In,Balance\n"
        "01/03/2024,Coffee,4.50,,95.50\n"
        "02/03/2024,Salary,,\"1,200.00\",1295.50\n"
        "03/03/2024,Rent,-800.00,,495.50\n"
    )
    report = import_statement(text)
    assert report.ok
    assert [t.amount for t in report.transactions] == [Decimal("-4.50"), Decimal("1200.00"), Decimal("-800.00")]


def test_debit_credit_row_must_fill_exactly_one():
    text = "Date,Description,Debit,Credit\n01/03/2024,Both,1.00,2.00\n02/03/2024,Neither,,\n"
    report = import_statement(text)
    assert report.transactions == []
    assert report.error_lines() == [2, 3]


def test_an_amount_column_wins_over_debit_and_credit():
    text = "Date,Description,Amount,Debit,Credit\n01/03/2024,Coffee,-4.50,4.50,\n"
    assert import_statement(text).transactions[0].amount == Decimal("-4.50")


def test_day_first_dates_by_default_and_month_first_on_request():
    text = "Date,Amount,Description\n04/03/2024,1,A\n"
    assert import_statement(text).transactions[0].date == dt.date(2024, 3, 4)
    assert import_statement(text, day_first=False).transactions[0].date == dt.date(2024, 4, 3)


def test_decimal_comma_statement_uses_semicolons():
    text = "Date;Amount;Description\n05.03.2024;-1.234,56;Miete\n06.03.2024;12,5;Zinsen\n"
    report = import_statement(text, decimal_comma=True)
    assert report.ok
    assert [t.amount for t in report.transactions] == [Decimal("-1234.56"), Decimal("12.5")]
    assert report.transactions[0].date == dt.date(2024, 3, 5)


def test_explicit_delimiter():
    text = "Date\tAmount\tDescription\n2024-03-01\t-4.50\tCoffee\n"
    assert import_statement(text, delimiter="\t").transactions[0].amount == Decimal("-4.50")


def test_blank_lines_are_skipped_but_still_counted():
    text = "Date,Amount,Description\n\n2024-03-01,-4.50,Coffee\n,,\n2024-03-02,oops,Tea\n"
    report = import_statement(text)
    assert [t.line for t in report.transactions] == [3]
    assert report.error_lines() == [5]


def test_description_is_stripped_and_required():
    text = "Date,Amount,Description\n2024-03-01,1,  Coffee  \n2024-03-02,2,   \n"
    report = import_statement(text)
    assert report.transactions[0].description == "Coffee"
    assert report.errors == [RowError(3, "description is empty")]


def test_errors_are_collected_per_line_and_the_import_goes_on():
    text = (
        "Date,Amount,Description\n"
        "2024-03-01,-4.50,Coffee\n"
        "2024-02-30,-1.00,Bad date\n"
        "2024-03-02,lots,Bad amount\n"
        "2024-03-03,,Empty amount\n"
        "2024-03-04,1,Too,many\n"
        "2024-03-05,1\n"
        "2024-03-06,7.00,Fine\n"
    )
    report = import_statement(text)
    assert not report.ok
    assert [t.description for t in report.transactions] == ["Coffee", "Fine"]
    assert report.error_lines() == [3, 4, 5, 6, 7]
    assert report.errors[3].message == "expected 3 fields, found 4"
    assert report.errors[4].message == "expected 3 fields, found 2"
    assert report.errors[2].message == "amount is empty"
    assert str(report.errors[0]).startswith("line 3: ")


def test_multi_line_values_are_reported_at_their_first_line():
    text = (
        "Date,Amount,Description\n"
        '2024-03-01,-4.50,"Coffee\nwith a friend"\n'
        '2024-03-02,bad,"Two\nline note"\n'
        "2024-03-03,x,After\n"
    )
    report = import_statement(text)
    assert [t.line for t in report.transactions] == [2]
    assert report.error_lines() == [4, 6]


def test_strict_raises_the_first_error():
    text = "Date,Amount,Description\n2024-03-01,-4.50,Coffee\n2024-03-02,lots,Tea\n2024-13-01,1,Cake\n"
    with pytest.raises(RowError) as info:
        import_statement(text, strict=True)
    assert info.value.line == 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("01/02/03,1,A", "unrecognised date '01/02/03'"),
        ("2024-03-01,1,A,B", "expected 3 fields, found 4"),
        ("2024-03-01,1", "expected 3 fields, found 2"),
        ("2024-03-01,1,", "description is empty"),
    ],
)
def test_strict_raises_every_kind_of_row_error(row, message):
    text = f"Date,Amount,Description\n{row}\n2024-03-05,x,Later\n"
    with pytest.raises(RowError) as info:
        import_statement(text, strict=True)
    assert (info.value.line, info.value.message) == (2, message)


def test_strict_import_of_a_clean_file():
    text = "Date,Amount,Description\n2024-03-01,-4.50,Coffee\n"
    assert len(import_statement(text, strict=True).transactions) == 1


def test_header_errors_are_raised_even_when_not_strict():
    with pytest.raises(HeaderError):
        import_statement("When,How much,What\n2024-03-01,1,A\n")
