"""Import bank statement CSV exports.

    >>> from bankimport import import_statement
    >>> report = import_statement("Date,Amount,Description\\n2024-03-01,-4.50,Coffee\\n")
    >>> report.transactions[0].amount
    Decimal('-4.50')
"""

from .errors import HeaderError, RowError
from .importer import import_statement
from .models import Duplicate, ImportReport, Transaction
from .parsing import parse_amount, parse_date

__all__ = [
    "Duplicate",
    "HeaderError",
    "ImportReport",
    "RowError",
    "Transaction",
    "import_statement",
    "parse_amount",
    "parse_date",
]
