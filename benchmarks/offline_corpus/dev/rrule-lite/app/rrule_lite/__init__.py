"""Small recurrence rules over naive datetimes.

    >>> from datetime import datetime
    >>> from rrule_lite import Rule, MO, WE
    >>> rule = Rule("weekly", datetime(2024, 1, 1, 9, 30), byweekday=[MO, WE], count=3)
    >>> [d.day for d in rule]
    [1, 3, 8]
"""

from .errors import RuleError
from .rule import DAILY, FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, Rule

__all__ = [
    "DAILY",
    "FR",
    "MO",
    "MONTHLY",
    "SA",
    "SU",
    "TH",
    "TU",
    "WE",
    "WEEKLY",
    "Rule",
    "RuleError",
]
