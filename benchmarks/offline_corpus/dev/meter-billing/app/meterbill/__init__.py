from .billing import Bill, BillLine, Tariff, bill_period, bill_readings
from .readings import Reading, ReadingError, parse_readings

__all__ = [
    "Bill",
    "BillLine",
    "Reading",
    "ReadingError",
    "Tariff",
    "bill_period",
    "bill_readings",
    "parse_readings",
]
