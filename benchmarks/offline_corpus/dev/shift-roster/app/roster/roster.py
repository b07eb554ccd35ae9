"""A team's roster: shifts with a staffing cap, workers assigned within rest and weekly-hours rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .parsing import parse_time_range

MIN_REST = timedelta(hours=11)
DEFAULT_WEEKLY_HOURS = timedelta(hours=40)


class RosterError(Exception):
    """Base class for every refusal the roster makes."""


class UnknownShift(RosterError, KeyError):
    pass


class ShiftStarted(RosterError):
    pass


class AlreadyAssigned(RosterError):
    pass


class NotAssigned(RosterError):
    pass


class CapacityReached(RosterError):
    pass


class InsufficientRest(RosterError):
    def __init__(self, worker: str, other: str, rest: timedelta):
        super().__init__(f"{worker} would have only {rest} of rest next to shift {other}")
        self.worker = worker
        self.other = other
        self.rest = rest


class WeeklyHoursExceeded(RosterError):
    def __init__(self, worker: str, hours: timedelta, limit: timedelta):
        super().__init__(f"{worker} would work {hours} in that week (limit {limit})")
        self.worker = worker
        self.hours = hours
        self.limit = limit


@dataclass(frozen=True)
class Shift:
    id: str
    start: datetime
    end: datetime
    capacity: int = 1
    label: str = ""

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    def covers(self, moment: datetime) -> bool:
        """Whether `moment` falls in the shift: the start is in, the end is not."""
        return self.start <= moment < self.end


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


class Roster:
    def __init__(
        self,
        *,
        clock: Callable[[], datetime] = datetime.now,
        max_weekly_hours: timedelta = DEFAULT_WEEKLY_HOURS,
        min_rest: timedelta = MIN_REST,
    ):
        self._clock = clock
        self.max_weekly_hours = max_weekly_hours
        self.min_rest = min_rest
        self._shifts: dict[str, Shift] = {}
        self._staff: dict[str, set[str]] = {}

    # -- shifts ------------------------------------------------------------------------------------------------

    def add_shift(self, shift_id: str, day: date, times: str, *, capacity: int = 1, label: str = "") -> Shift:
        if shift_id in self._shifts:
            raise ValueError(f"shift {shift_id!r} already exists")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        start, end = parse_time_range(times, day)
        shift = Shift(shift_id, start, end, capacity, label)
        self._shifts[shift_id] = shift
        self._staff[shift_id] = set()
        return shift

    def shift(self, shift_id: str) -> Shift:
        try:
            return self._shifts[shift_id]
        except KeyError:
            raise UnknownShift(shift_id) from None

    def remove_shift(self, shift_id: str) -> list[str]:
        """Drop a shift that has not started; returns the workers who were on it."""
        shift = self.shift(shift_id)
        self._check_not_started(shift)
        del self._shifts[shift_id]
        return sorted(self._staff.pop(shift_id))

    # -- staffing ----------------------------------------------------------------------------------------------

    def assign(self, worker: str, shift_id: str) -> None:
        shift = self.shift(shift_id)
        self._check_not_started(shift)
        staff = self._staff[shift_id]
        if worker in staff:
            raise AlreadyAssigned(f"{worker} is already on {shift_id}")
        if len(staff) >= shift.capacity:
            raise CapacityReached(f"{shift_id} already has {shift.capacity} worker(s)")
        self._check_rest(worker, shift)
        self._check_weekly_hours(worker, shift)
        staff.add(worker)

    def unassign(self, worker: str, shift_id: str) -> None:
        shift = self.shift(shift_id)
        self._check_not_started(shift)
        staff = self._staff[shift_id]
        if worker not in staff:
            raise NotAssigned(f"{worker} is not on {shift_id}")
        staff.remove(worker)

    def swap(self, shift_id: str, leaving: str, joining: str) -> None:
        """Replace `leaving` by `joining`; if `joining` may not take the shift, nothing changes."""
        self.unassign(leaving, shift_id)
        try:
            self.assign(joining, shift_id)
        except RosterError:
            self._staff[shift_id].add(leaving)
            raise

    def _check_not_started(self, shift: Shift) -> None:
        if self._clock() >= shift.start:
            raise ShiftStarted(f"{shift.id} started at {shift.start:%Y-%m-%d %H:%M}")

    def _check_rest(self, worker: str, shift: Shift) -> None:
        for other in self.shifts_for(worker):
            if other.end <= shift.start:
                rest = shift.start - other.end
            elif shift.end <= other.start:
                rest = other.start - shift.end
            else:
                rest = timedelta(0)  # the shifts overlap
            if rest < self.min_rest:
                raise InsufficientRest(worker, other.id, rest)

    def _check_weekly_hours(self, worker: str, shift: Shift) -> None:
        hours = self.hours_in_week(worker, shift.start.date()) + shift.length
        if hours > self.max_weekly_hours:
            raise WeeklyHoursExceeded(worker, hours, self.max_weekly_hours)

    # -- reports -----------------------------------------------------------------------------------------------

    def workers_on(self, shift_id: str) -> list[str]:
        self.shift(shift_id)
        return sorted(self._staff[shift_id])

    def open_places(self, shift_id: str) -> int:
        shift = self.shift(shift_id)
        return shift.capacity - len(self._staff[shift_id])

    def shifts_for(self, worker: str) -> list[Shift]:
        mine = [self._shifts[sid] for sid, staff in self._staff.items() if worker in staff]
        return sorted(mine, key=lambda s: s.start)

    def hours_in_week(self, worker: str, day: date) -> timedelta:
        """Hours `worker` is rostered in the Monday-to-Sunday week holding `day`; a shift counts in the week it starts."""
        monday = week_start(day)
        total = timedelta(0)
        for shift in self.shifts_for(worker):
            if monday <= shift.start.date() < monday + timedelta(days=7):
                total += shift.length
        return total

    def on_duty(self, moment: datetime) -> list[str]:
        names: set[str] = set()
        for shift_id, shift in self._shifts.items():
            if shift.covers(moment):
                names |= self._staff[shift_id]
        return sorted(names)

    def understaffed(self, day: date) -> list[str]:
        """Ids of the shifts starting on `day` that still have open places, earliest first."""
        found = [s for s in self._shifts.values() if s.start.date() == day and self.open_places(s.id) > 0]
        return [s.id for s in sorted(found, key=lambda s: s.start)]

    def upcoming(self, worker: str) -> list[Shift]:
        """The worker's shifts that have not ended yet by the roster's clock."""
        now = self._clock()
        return [s for s in self.shifts_for(worker) if s.end > now]
