"""Half-open intervals ``[start, end)`` and sets of disjoint intervals."""

from .interval import Interval
from .interval_set import IntervalSet

__all__ = ["Interval", "IntervalSet"]
__version__ = "0.3.0"
