"""Human-friendly durations and business-day arithmetic."""

from .business import add_business_days, business_days_between
from .text import format_duration, parse_duration, parse_timedelta

__all__ = [
    "add_business_days",
    "business_days_between",
    "format_duration",
    "parse_duration",
    "parse_timedelta",
]
