"""Shift rosters: parse shift times, staff shifts within caps and rest rules, report hours and coverage."""

from .parsing import format_duration, parse_duration, parse_time_range
from .roster import (
    MIN_REST,
    AlreadyAssigned,
    CapacityReached,
    InsufficientRest,
    NotAssigned,
    Roster,
    RosterError,
    Shift,
    ShiftStarted,
    UnknownShift,
    WeeklyHoursExceeded,
)

__all__ = [
    "MIN_REST",
    "AlreadyAssigned",
    "CapacityReached",
    "InsufficientRest",
    "NotAssigned",
    "Roster",
    "RosterError",
    "Shift",
    "ShiftStarted",
    "UnknownShift",
    "WeeklyHoursExceeded",
    "format_duration",
    "parse_duration",
    "parse_time_range",
]
