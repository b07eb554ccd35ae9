"""taxcalc: estimate a progressive income tax.

>>> TaxReturn("60000").balance_due()
Decimal('5216.00')
"""

from taxcalc.calculator import BracketLine, Credit, TaxReturn
from taxcalc.errors import NegativeAmountError, TaxError, UnknownFilingStatus
from taxcalc.tables import TABLE_2024, Bracket, TaxTable

__all__ = [
    "TABLE_2024",
    "Bracket",
    "BracketLine",
    "Credit",
    "NegativeAmountError",
    "TaxError",
    "TaxReturn",
    "TaxTable",
    "UnknownFilingStatus",
]
