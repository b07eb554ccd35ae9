"""The `Rule` class: a recurrence rule in the spirit of RFC 5545 RRULE, reduced to what we use.

Semantics, in short:

* Every occurrence has the time of day of `dtstart`. Only naive datetimes are accepted.
* Occurrences are the instants the rule describes on or after `dtstart`; `dtstart` itself is only an
  occurrence when it matches the rule (a weekly rule on Mondays started on a Sunday begins the next day).
* Weekly rules: weeks start on Monday. `interval=2` means every other week counted from the week that
  holds `dtstart`. Without `byweekday` the weekday of `dtstart` is used.
* Monthly rules: `bymonthday` days 1..31 count from the start of the month, -1..-31 from its end
  (-1 is the last day). Months that lack the day are skipped, never clamped: a rule on the 31st has no
  occurrence in April. Without `bymonthday` the day of `dtstart` is used.
* `until` is inclusive. `count` and `until` cannot both be given.
* `exdates` are removed from the results but still count towards `count`, as in RFC 5545 (the rule's
  set is generated first, then the exclusions are taken out): a rule with `count=5` and one of its
  five instants excluded yields four datetimes.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from .errors import RuleError

DAILY = "daily"
WEEKLY = "weekly"
MONTHLY = "monthly"
FREQUENCIES = (DAILY, WEEKLY, MONTHLY)

MO, TU, WE, TH, FR, SA, SU = range(7)
WEEKDAY_NAMES = {"MO": MO, "TU": TU, "WE": WE, "TH": TH, "FR": FR, "SA": SA, "SU": SU}

# A rule that finds nothing in this many consecutive periods is taken to be exhausted
# (for instance a monthly rule on the 30th with interval=12 started in February).
MAX_EMPTY_PERIODS = 1000


def _weekday(value: int | str) -> int:
    if isinstance(value, str):
        try:
            return WEEKDAY_NAMES[value.strip().upper()[:2]]
        except KeyError:
            raise RuleError(f"unknown weekday {value!r}") from None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise RuleError(f"weekday must be 0 (Monday) to 6 (Sunday), not {value!r}")
    return value


def _monthday(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value == 0 or not -31 <= value <= 31:
        raise RuleError(f"month day must be 1..31 or -31..-1, not {value!r}")
    return value


def _as_list(value: object) -> list:
    if isinstance(value, (int, str)):
        return [value]
    return list(value)  # type: ignore[call-overload]


def _naive(name: str, value: object) -> datetime:
    if not isinstance(value, datetime):
        raise RuleError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is not None:
        raise RuleError(f"{name} must be a naive datetime")
    return value


class Rule:
    """A recurrence rule anchored at `dtstart`."""

    def __init__(
        self,
        freq: str,
        dtstart: datetime,
        *,
        interval: int = 1,
        byweekday: int | str | Iterable[int | str] | None = None,
        bymonthday: int | Iterable[int] | None = None,
        count: int | None = None,
        until: datetime | None = None,
        exdates: Iterable[datetime] = (),
    ) -> None:
        freq = str(freq).lower()
        if freq not in FREQUENCIES:
            raise RuleError(f"freq must be one of {', '.join(FREQUENCIES)}, not {freq!r}")
        self.freq = freq
        self.dtstart = _naive("dtstart", dtstart)

        if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
            raise RuleError(f"interval must be a positive integer, not {interval!r}")
        self.interval = interval

        if count is not None and until is not None:
            raise RuleError("give count or until, not both")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
            raise RuleError(f"count must be a positive integer, not {count!r}")
        self.count = count
        self.until = _naive("until", until) if until is not None else None

        if byweekday is not None and freq != WEEKLY:
            raise RuleError("byweekday only applies to weekly rules")
        if bymonthday is not None and freq != MONTHLY:
            raise RuleError("bymonthday only applies to monthly rules")
        days = _as_list(byweekday) if byweekday is not None else [self.dtstart.weekday()]
        self.byweekday = tuple(sorted({_weekday(d) for d in days}))
        mdays = _as_list(bymonthday) if bymonthday is not None else [self.dtstart.day]
        self.bymonthday = tuple(sorted({_monthday(d) for d in mdays}))
        if not self.byweekday or not self.bymonthday:
            raise RuleError("byweekday / bymonthday must not be empty")

        self.exdates = frozenset(_naive("exdate", d) for d in exdates)

    def __repr__(self) -> str:
        parts = [f"{self.freq!r}", f"{self.dtstart.isoformat()!r}"]
        if self.interval != 1:
            parts.append(f"interval={self.interval}")
        if self.count is not None:
            parts.append(f"count={self.count}")
        if self.until is not None:
            parts.append(f"until={self.until.isoformat()!r}")
        return f"Rule({', '.join(parts)})"

    # -- generation -------------------------------------------------------------------------

    def _periods(self) -> Iterator[list[datetime]]:
        """The candidate instants of each period (day, week or month), in order, from dtstart's period."""
        start = self.dtstart
        at = start.time()
        if self.freq == DAILY:
            day = start
            while True:
                yield [day]
                day += timedelta(days=self.interval)
        elif self.freq == WEEKLY:
            monday = start.date() - timedelta(days=start.weekday())
            while True:
                yield [datetime.combine(monday + timedelta(days=d), at) for d in self.byweekday]
                monday += timedelta(weeks=self.interval)
        else:
            year, month = start.year, start.month
            while True:
                yield [datetime.combine(d, at) for d in self._month_days(year, month)]
                month0 = month - 1 + self.interval
                year, month = year + month0 // 12, month0 % 12 + 1

    def _month_days(self, year: int, month: int) -> list[date]:
        length = calendar.monthrange(year, month)[1]
        days = set()
        for wanted in self.bymonthday:
            day = wanted if wanted > 0 else length + wanted + 1
            if 1 <= day <= length:
                days.add(date(year, month, day))
        return sorted(days)

    def _instances(self) -> Iterator[datetime]:
        """Every instant of the rule, exdates included, honouring count and until."""
        produced = 0
        empty = 0
        try:
            for candidates in self._periods():
                found = False
                for moment in candidates:
                    if moment < self.dtstart:
                        continue
                    if self.until is not None and moment > self.until:
                        return
                    found = True
                    yield moment
                    produced += 1
                    if self.count is not None and produced >= self.count:
                        return
                empty = 0 if found else empty + 1
                if empty >= MAX_EMPTY_PERIODS:
                    return
        except OverflowError:  # past datetime.max
            return

    def occurrences(self) -> Iterator[datetime]:
        """The occurrences in order, without the excluded dates. May be infinite."""
        for moment in self._instances():
            if moment not in self.exdates:
                yield moment

    __iter__ = occurrences

    def between(self, start: datetime, end: datetime, inclusive: bool = False) -> list[datetime]:
        """Occurrences after `start` and before `end` (or at them when `inclusive`)."""
        if end < start:
            raise RuleError("end is before start")
        found = []
        for moment in self.occurrences():
            if moment > end or (moment == end and not inclusive):
                break
            if moment > start or (moment == start and inclusive):
                found.append(moment)
        return found

    def after(self, moment: datetime, inclusive: bool = False) -> datetime | None:
        """The first occurrence after `moment` (or at it when `inclusive`), or None."""
        for occurrence in self.occurrences():
            if occurrence > moment or (inclusive and occurrence == moment):
                return occurrence
        return None

    def first(self, n: int) -> list[datetime]:
        """The first `n` occurrences (fewer if the rule ends sooner)."""
        if n < 0:
            raise ValueError("n must not be negative")
        found = []
        for moment in self.occurrences():
            if len(found) >= n:
                break
            found.append(moment)
        return found
