"""The CronExpression class: parsing, matching and finding the next run."""

from datetime import datetime, timedelta

from .errors import CronError
from .fields import DAY_OF_MONTH, DAY_OF_WEEK, FIELDS, HOUR, MINUTE, MONTH, parse_field

# The longest gap between two matches of a satisfiable expression is a 29 February that skips a
# non-leap century year (2096 -> 2104): eight years. Searching further means it never matches.
SEARCH_YEARS = 8


class CronExpression:
    """A standard five-field cron expression: minute, hour, day of month, month, day of week.

    Each field accepts ``*``, numbers, ranges ``a-b``, steps ``*/n``, ``a-b/n`` and ``a/n``, and
    comma-separated lists of those. Months and weekdays also accept three-letter English names
    (``jan``, ``mon``); in the weekday field both 0 and 7 mean Sunday.

    When both the day-of-month and the day-of-week fields are restricted (neither starts with
    ``*``), a day matches if *either* matches, as in Vixie cron.
    """

    def __init__(self, expression: str) -> None:
        parts = expression.split()
        if len(parts) != len(FIELDS):
            raise CronError(f"expected 5 fields (minute hour day-of-month month day-of-week), got {len(parts)}")
        self.expression = " ".join(parts)
        self.minutes, self.hours, self.days, self.months, self.weekdays = (
            parse_field(spec, text) for spec, text in zip(FIELDS, parts)
        )
        self._days_restricted = not parts[2].startswith("*")
        self._weekdays_restricted = not parts[4].startswith("*")

    def __repr__(self) -> str:
        return f"CronExpression({self.expression!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CronExpression):
            return NotImplemented
        return (self.minutes, self.hours, self.days, self.months, self.weekdays) == (
            other.minutes, other.hours, other.days, other.months, other.weekdays
        ) and self._day_rule() == other._day_rule()

    def __hash__(self) -> int:
        return hash((self.minutes, self.hours, self.days, self.months, self.weekdays))

    def _day_rule(self) -> tuple[bool, bool]:
        return self._days_restricted, self._weekdays_restricted

    def _day_matches(self, moment: datetime) -> bool:
        # isoweekday() runs from Monday = 1 to Sunday = 7; cron counts Sunday as 0.
        weekday = moment.isoweekday() % 7
        day_ok = moment.day in self.days
        weekday_ok = weekday in self.weekdays
        if self._days_restricted and self._weekdays_restricted:
            return day_ok or weekday_ok
        return day_ok and weekday_ok

    def matches(self, moment: datetime) -> bool:
        """Whether the expression fires in the minute of `moment` (seconds are ignored)."""
        return (
            moment.minute in self.minutes
            and moment.hour in self.hours
            and moment.month in self.months
            and self._day_matches(moment)
        )

    def next_after(self, moment: datetime) -> datetime:
        """The first minute strictly after `moment` at which the expression fires.

        Seconds and microseconds of the answer are zero; `moment`'s tzinfo is kept as it is.
        """
        candidate = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
        limit = candidate.year + SEARCH_YEARS
        while candidate.year <= limit:
            if candidate.month not in self.months:
                if candidate.month == 12:
                    candidate = candidate.replace(year=candidate.year + 1, month=1, day=1, hour=0, minute=0)
                else:
                    candidate = candidate.replace(month=candidate.month + 1, day=1, hour=0, minute=0)
                continue
            if not self._day_matches(candidate):
                candidate = candidate.replace(hour=0, minute=0) + timedelta(days=1)
                continue
            if candidate.hour not in self.hours:
                candidate = candidate.replace(minute=0) + timedelta(hours=1)
                continue
            if candidate.minute not in self.minutes:
                candidate += timedelta(minutes=1)
                continue
            return candidate
        raise CronError(f"{self.expression!r} never matches")
