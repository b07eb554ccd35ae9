"""Reading a statement export into an ImportReport."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from .errors import HeaderError, RowError
from .models import Duplicate, ImportReport, Transaction
from .parsing import parse_amount, parse_date

# Every header name a bank has been seen to use for each field, normalised (see _normalise_header).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "booking date", "transaction date", "posting date", "value date"),
    "amount": ("amount", "amt", "transaction amount", "value"),
    "description": ("description", "details", "memo", "narrative", "payee", "reference"),
    "debit": ("debit", "withdrawal", "money out", "paid out"),
    "credit": ("credit", "deposit", "money in", "paid in"),
}
_FIELD_BY_ALIAS = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}


def _normalise_header(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


def _columns(header: list[str]) -> dict[str, int]:
    """Which column holds each field; HeaderError when the header is unusable."""
    columns: dict[str, int] = {}
    for index, text in enumerate(header):
        name = _FIELD_BY_ALIAS.get(_normalise_header(text))
        if name is None:
            continue  # balance, category, ... are not imported
        if name in columns:
            raise HeaderError(f"two columns for {name}: {header[columns[name]]!r} and {text!r}")
        columns[name] = index

    missing = [name for name in ("date", "description") if name not in columns]
    if missing:
        raise HeaderError(f"no column for {' or '.join(missing)}")
    if "amount" in columns:
        # A signed amount wins; debit / credit columns beside it are ignored.
        columns.pop("debit", None)
        columns.pop("credit", None)
    elif "debit" not in columns or "credit" not in columns:
        raise HeaderError("need an amount column, or both a debit and a credit column")
    return columns


def _signed_amount(row: list[str], columns: dict[str, int], decimal_comma: bool) -> Decimal:
    if "amount" in columns:
        text = row[columns["amount"]]
        if not text.strip():
            raise ValueError("amount is empty")
        return parse_amount(text, decimal_comma=decimal_comma)
    debit = row[columns["debit"]].strip()
    credit = row[columns["credit"]].strip()
    if debit and credit:
        raise ValueError("both debit and credit are filled in")
    if not debit and not credit:
        raise ValueError("neither debit nor credit is filled in")
    if debit:
        # Some banks write debits as negative numbers, most as positive ones: either way it is money out.
        return -abs(parse_amount(debit, decimal_comma=decimal_comma))
    return abs(parse_amount(credit, decimal_comma=decimal_comma))


def import_statement(
    text: str,
    *,
    known: Iterable[Transaction] = (),
    day_first: bool = True,
    decimal_comma: bool = False,
    delimiter: str | None = None,
    strict: bool = False,
) -> ImportReport:
    """Import the CSV ``text`` of a statement export.

    The first line is the header. Lines are numbered from 1 (the header) as they appear in the
    text; a quoted value spanning lines is reported at the line it starts on. Blank lines are
    skipped. A line repeating an earlier line's (date, amount, description), or a transaction in
    ``known``, goes to ``duplicates`` instead of ``transactions``. Problems with a line are collected
    in ``errors`` and the import goes on, unless ``strict`` is true: then the first ``RowError`` is
    raised. The delimiter defaults to ``;`` with ``decimal_comma`` and ``,`` otherwise.
    """
    if delimiter is None:
        delimiter = ";" if decimal_comma else ","
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    header = next(reader, None)
    if header is None:
        raise HeaderError("the statement is empty")
    columns = _columns(header)

    report = ImportReport()

    def fail(error: RowError) -> None:
        if strict:
            raise error
        report.errors.append(error)

    seen: dict[tuple, int | None] = {transaction.key: None for transaction in known}
    last_line = reader.line_num
    for row in reader:
        line = last_line + 1
        last_line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            fail(RowError(line, f"expected {len(header)} fields, found {len(row)}"))
            continue
        try:
            transaction = _transaction(row, line, columns, day_first, decimal_comma)
        except RowError as error:
            fail(error)
            continue

        if transaction.key in seen:
            report.duplicates.append(Duplicate(transaction, seen[transaction.key]))
            continue
        seen[transaction.key] = line
        report.transactions.append(transaction)
    return report


def _transaction(row: list[str], line: int, columns: dict[str, int], day_first: bool, decimal_comma: bool) -> Transaction:
    try:
        date = parse_date(row[columns["date"]], day_first=day_first)
    except ValueError as exc:
        raise RowError(line, str(exc)) from None
    try:
        amount = _signed_amount(row, columns, decimal_comma)
    except ValueError as exc:
        raise RowError(line, str(exc)) from None
    description = row[columns["description"]].strip()
    if not description:
        raise RowError(line, "description is empty")
    return Transaction(date, amount, description, line)
