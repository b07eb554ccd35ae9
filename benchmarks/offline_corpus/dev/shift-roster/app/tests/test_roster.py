from datetime import datetime, timedelta

import pytest

from roster import (
    AlreadyAssigned,
    CapacityReached,
    InsufficientRest,
    NotAssigned,
    Roster,
    ShiftStarted,
    UnknownShift,
    WeeklyHoursExceeded,
)

from .conftest import MONDAY, day


def test_add_shift_and_lookup(roster):
    shift = roster.add_shift("mon-early", MONDAY, "06:00-14:00", capacity=2, label="Early")
    assert shift.start == datetime(2026, 6, 1, 6, 0)
    assert shift.length == timedelta(hours=8)
    assert roster.shift("mon-early") is shift
    assert roster.open_places("mon-early") == 2


def test_add_shift_refusals(roster):
    roster.add_shift("a", MONDAY, "06:00-14:00")
    with pytest.raises(ValueError):
        roster.add_shift("a", MONDAY, "14:00-22:00")
    with pytest.raises(ValueError):
        roster.add_shift("b", MONDAY, "14:00-22:00", capacity=0)
    with pytest.raises(UnknownShift):
        roster.shift("nope")


def test_assign_fills_to_capacity_exactly(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00", capacity=2)
    roster.assign("ana", "s")
    assert roster.open_places("s") == 1
    roster.assign("ben", "s")
    assert roster.workers_on("s") == ["ana", "ben"]
    assert roster.open_places("s") == 0
    with pytest.raises(CapacityReached):
        roster.assign("cy", "s")
    assert roster.workers_on("s") == ["ana", "ben"]


def test_assign_twice(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00", capacity=3)
    roster.assign("ana", "s")
    with pytest.raises(AlreadyAssigned):
        roster.assign("ana", "s")


def test_started_shift_is_frozen(roster, clock):
    roster.add_shift("s", MONDAY, "06:00-14:00", capacity=2)
    roster.assign("ana", "s")
    clock.at = datetime(2026, 6, 1, 5, 59)
    roster.assign("ben", "s")
    clock.at = datetime(2026, 6, 1, 6, 0)
    with pytest.raises(ShiftStarted):
        roster.assign("cy", "s")
    with pytest.raises(ShiftStarted):
        roster.unassign("ana", "s")
    with pytest.raises(ShiftStarted):
        roster.remove_shift("s")
    assert roster.workers_on("s") == ["ana", "ben"]


def test_rest_of_exactly_eleven_hours_is_enough(roster):
    roster.add_shift("late", MONDAY, "14:00-22:00")
    roster.add_shift("early", day(1), "09:00-17:00")
    roster.assign("ana", "late")
    roster.assign("ana", "early")
    assert [s.id for s in roster.shifts_for("ana")] == ["late", "early"]


def test_rest_too_short_either_side(roster):
    roster.add_shift("late", MONDAY, "14:00-22:00")
    roster.add_shift("early", day(1), "08:59-17:00")
    roster.assign("ana", "early")
    with pytest.raises(InsufficientRest) as info:
        roster.assign("ana", "late")
    assert info.value.other == "early"
    assert info.value.rest == timedelta(hours=10, minutes=59)
    assert roster.workers_on("late") == []


def test_overlapping_shifts_refused(roster):
    roster.add_shift("a", MONDAY, "06:00-14:00")
    roster.add_shift("b", MONDAY, "12:00-20:00")
    roster.assign("ana", "a")
    with pytest.raises(InsufficientRest) as info:
        roster.assign("ana", "b")
    assert info.value.rest == timedelta(0)


def test_custom_rest_rule(clock):
    roster = Roster(clock=clock, min_rest=timedelta(hours=8))
    roster.add_shift("a", MONDAY, "06:00-14:00")
    roster.add_shift("b", MONDAY, "22:00-06:00")
    roster.assign("ana", "a")
    roster.assign("ana", "b")
    assert roster.hours_in_week("ana", MONDAY) == timedelta(hours=16)


def _five_days(roster, hours="09:00-17:00"):
    for i in range(5):
        roster.add_shift(f"d{i}", day(i), hours)


def test_weekly_limit_may_be_reached_exactly(roster):
    _five_days(roster)
    for i in range(5):
        roster.assign("ana", f"d{i}")
    assert roster.hours_in_week("ana", day(3)) == timedelta(hours=40)


def test_weekly_limit_exceeded(roster):
    _five_days(roster)
    roster.add_shift("sat", day(5), "09:00-10:00")
    for i in range(5):
        roster.assign("ana", f"d{i}")
    with pytest.raises(WeeklyHoursExceeded) as info:
        roster.assign("ana", "sat")
    assert info.value.hours == timedelta(hours=41)
    assert info.value.limit == timedelta(hours=40)


def test_weeks_run_monday_to_sunday(roster):
    roster.add_shift("sun", day(6), "09:00-17:00")
    roster.add_shift("next-mon", day(7), "09:00-17:00")
    roster.add_shift("prev-sun", day(-1), "09:00-12:00")
    for sid in ("sun", "next-mon", "prev-sun"):
        roster.assign("ana", sid)
    assert roster.hours_in_week("ana", MONDAY) == timedelta(hours=8)
    assert roster.hours_in_week("ana", day(6)) == timedelta(hours=8)
    assert roster.hours_in_week("ana", day(7)) == timedelta(hours=8)
    assert roster.hours_in_week("ana", day(-1)) == timedelta(hours=3)


def test_weekly_limit_counts_only_that_week(roster):
    _five_days(roster)
    roster.add_shift("next-mon", day(7), "09:00-17:00")
    for i in range(5):
        roster.assign("ana", f"d{i}")
    roster.assign("ana", "next-mon")
    assert roster.hours_in_week("ana", day(7)) == timedelta(hours=8)


def test_unassign(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00")
    roster.assign("ana", "s")
    roster.unassign("ana", "s")
    assert roster.workers_on("s") == []
    with pytest.raises(NotAssigned):
        roster.unassign("ana", "s")


def test_swap(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00")
    roster.assign("ana", "s")
    roster.swap("s", "ana", "ben")
    assert roster.workers_on("s") == ["ben"]


def test_failed_swap_changes_nothing(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00")
    roster.add_shift("t", MONDAY, "10:00-18:00")
    roster.assign("ana", "s")
    roster.assign("ben", "t")
    with pytest.raises(InsufficientRest):
        roster.swap("s", "ana", "ben")
    assert roster.workers_on("s") == ["ana"]
    assert roster.workers_on("t") == ["ben"]


def test_remove_shift_returns_workers(roster):
    roster.add_shift("s", MONDAY, "06:00-14:00", capacity=2)
    roster.assign("ben", "s")
    roster.assign("ana", "s")
    assert roster.remove_shift("s") == ["ana", "ben"]
    assert roster.shifts_for("ana") == []
    with pytest.raises(UnknownShift):
        roster.assign("ana", "s")


def test_on_duty_is_half_open(roster):
    roster.add_shift("early", MONDAY, "06:00-14:00")
    roster.add_shift("late", MONDAY, "14:00-22:00")
    roster.assign("ana", "early")
    roster.assign("ben", "late")
    assert roster.on_duty(datetime(2026, 6, 1, 6, 0)) == ["ana"]
    assert roster.on_duty(datetime(2026, 6, 1, 13, 59)) == ["ana"]
    assert roster.on_duty(datetime(2026, 6, 1, 14, 0)) == ["ben"]
    assert roster.on_duty(datetime(2026, 6, 1, 22, 0)) == []
    assert roster.on_duty(datetime(2026, 6, 1, 5, 59)) == []


def test_on_duty_overnight(roster):
    roster.add_shift("night", MONDAY, "22:00-06:00", capacity=2)
    roster.assign("cy", "night")
    roster.assign("ana", "night")
    assert roster.on_duty(datetime(2026, 6, 2, 3, 0)) == ["ana", "cy"]


def test_understaffed(roster):
    roster.add_shift("late", MONDAY, "14:00-22:00")
    roster.add_shift("early", MONDAY, "06:00-14:00", capacity=2)
    roster.add_shift("night", MONDAY, "22:00-06:00")
    roster.add_shift("tue", day(1), "06:00-14:00")
    roster.assign("ana", "late")
    roster.assign("ben", "early")
    assert roster.understaffed(MONDAY) == ["early", "night"]
    roster.assign("cy", "early")
    assert roster.understaffed(MONDAY) == ["night"]


def test_upcoming(roster, clock):
    roster.add_shift("mon", MONDAY, "06:00-14:00")
    roster.add_shift("wed", day(2), "06:00-14:00")
    roster.assign("ana", "wed")
    roster.assign("ana", "mon")
    assert [s.id for s in roster.upcoming("ana")] == ["mon", "wed"]
    clock.at = datetime(2026, 6, 1, 13, 59)
    assert [s.id for s in roster.upcoming("ana")] == ["mon", "wed"]
    clock.at = datetime(2026, 6, 1, 14, 0)
    assert [s.id for s in roster.upcoming("ana")] == ["wed"]
