import datetime as dt
from decimal import Decimal

from bankimport import Duplicate, Transaction, import_statement

HEADER = "Date,Amount,Description\n"


def test_repeated_line_in_the_file_is_a_duplicate():
    text = HEADER + "2024-03-01,-4.50,Coffee\n2024-03-02,-3.00,Tea\n2024-03-01,-4.50,Coffee\n"
    report = import_statement(text)
    assert [t.line for t in report.transactions] == [2, 3]
    assert report.duplicates == [Duplicate(Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee"), 2)]
    assert report.duplicates[0].transaction.line == 4
    assert report.ok


def test_description_comparison_ignores_case_and_spacing():
    text = HEADER + "2024-03-01,-4.50,Coffee Shop\n2024-03-01,-4.50,COFFEE   shop\n"
    report = import_statement(text)
    assert len(report.transactions) == 1
    assert report.duplicates[0].first_line == 2
    assert report.duplicates[0].transaction.description == "COFFEE   shop"


def test_amounts_compare_by_value():
    text = HEADER + "2024-03-01,-4.5,Coffee\n2024-03-01,-4.50,Coffee\n"
    assert len(import_statement(text).duplicates) == 1


def test_any_difference_makes_a_new_transaction():
    text = (
        HEADER
        + "2024-03-01,-4.50,Coffee\n"
        + "2024-03-02,-4.50,Coffee\n"
        + "2024-03-01,-4.60,Coffee\n"
        + "2024-03-01,4.50,Coffee\n"
        + "2024-03-01,-4.50,Coffee beans\n"
    )
    report = import_statement(text)
    assert len(report.transactions) == 5
    assert report.duplicates == []


def test_known_transactions_are_not_imported_again():
    known = [
        Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "coffee"),
        Transaction(dt.date(2024, 2, 28), Decimal("1200"), "Salary"),
    ]
    text = HEADER + "2024-03-01,-4.50,Coffee\n2024-03-02,-3.00,Tea\n2024-03-01,-4.50,Coffee\n"
    report = import_statement(text, known=known)
    assert [t.description for t in report.transactions] == ["Tea"]
    assert [(d.transaction.line, d.first_line) for d in report.duplicates] == [(2, None), (4, None)]
    assert report.total == Decimal("-3.00")


def test_known_accepts_any_iterable():
    known = (t for t in [Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee")])
    report = import_statement(HEADER + "2024-03-01,-4.50,Coffee\n", known=known)
    assert report.transactions == []
    assert len(report.duplicates) == 1


def test_debit_credit_duplicates_use_the_signed_amount():
    text = "Date,Description,Debit,Credit\n01/03/2024,Transfer,10.00,\n01/03/2024,Transfer,,10.00\n"
    report = import_statement(text)
    assert [t.amount for t in report.transactions] == [Decimal("-10.00"), Decimal("10.00")]
    assert report.duplicates == []


def test_lines_with_errors_do_not_count_for_duplicates():
    text = HEADER + "2024-03-01,bad,Coffee\n2024-03-01,-4.50,Coffee\n"
    report = import_statement(text)
    assert [t.line for t in report.transactions] == [3]
    assert report.duplicates == []


def test_transaction_key_and_equality_ignore_the_line():
    a = Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee", line=2)
    b = Transaction(dt.date(2024, 3, 1), Decimal("-4.50"), "Coffee", line=9)
    assert a == b
    assert a.key == (dt.date(2024, 3, 1), Decimal("-4.50"), "coffee")
