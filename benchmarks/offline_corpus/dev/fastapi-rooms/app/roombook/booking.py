"""Reservation rules: opening hours, granularity, overlaps, weekly series and the weekly quota."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Reservation, Room

SLOT_MINUTES = 15


class BookingError(Exception):
    def __init__(self, status_code: int, detail: str):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


@dataclass
class Occurrence:
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC


def to_utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def from_utc_naive(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=timezone.utc).astimezone(zone)


def on_grid(moment: datetime) -> bool:
    return moment.minute % SLOT_MINUTES == 0 and moment.second == 0 and moment.microsecond == 0


def expand_weekly(start: datetime, end: datetime, weeks: int, zone: ZoneInfo) -> list[Occurrence]:
    """The series' occurrences, one per week at the same wall-clock time in the room's zone."""
    local_start = start.astimezone(zone)
    local_end = end.astimezone(zone)
    occurrences = []
    for week in range(weeks):
        occurrences.append(
            Occurrence(
                start=(local_start + timedelta(weeks=week)).astimezone(timezone.utc),
                end=(local_end + timedelta(weeks=week)).astimezone(timezone.utc),
            )
        )
    return occurrences


def check_shape(room: Room, occurrence: Occurrence) -> None:
    """15-minute grid and opening hours, both in the room's local time."""
    zone = ZoneInfo(room.timezone)
    local_start = occurrence.start.astimezone(zone)
    local_end = occurrence.end.astimezone(zone)
    if not (on_grid(local_start) and on_grid(local_end)):
        raise BookingError(422, f"reservations start and end on a {SLOT_MINUTES}-minute boundary")
    if local_start.date() != local_end.date():
        raise BookingError(422, "a reservation must start and end on the same day")
    if local_start.time() < room.opens or local_end.time() > room.closes:
        raise BookingError(
            422,
            f"{room.name} is open {room.opens:%H:%M}-{room.closes:%H:%M} ({room.timezone});"
            f" {local_start:%Y-%m-%d %H:%M}-{local_end:%H:%M} is outside",
        )


def find_conflict(db: Session, room: Room, occurrence: Occurrence) -> Reservation | None:
    return db.scalar(
        select(Reservation)
        .where(Reservation.room_id == room.id)
        .where(Reservation.start < to_utc_naive(occurrence.end))
        .where(Reservation.end > to_utc_naive(occurrence.start))
        .limit(1)
    )


def week_bounds(moment: datetime) -> tuple[datetime, datetime]:
    """The ISO week (Monday 00:00 to Monday 00:00, UTC) containing ``moment``, as naive UTC."""
    utc = to_utc_naive(moment)
    monday = (utc - timedelta(days=utc.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    return monday, monday + timedelta(days=7)


def hours_booked(db: Session, user_id: int, week_start: datetime, week_end: datetime) -> float:
    rows = db.scalars(
        select(Reservation)
        .where(Reservation.user_id == user_id)
        .where(Reservation.start >= week_start)
        .where(Reservation.start < week_end)
    ).all()
    return sum((r.end - r.start).total_seconds() for r in rows) / 3600


def check_quota(db: Session, user_id: int, occurrences: list[Occurrence], quota_hours: int) -> None:
    wanted: dict[datetime, float] = {}
    for occurrence in occurrences:
        week_start, _ = week_bounds(occurrence.start)
        wanted[week_start] = wanted.get(week_start, 0) + (occurrence.end - occurrence.start).total_seconds() / 3600
    for week_start, hours in sorted(wanted.items()):
        used = hours_booked(db, user_id, week_start, week_start + timedelta(days=7))
        if used + hours > quota_hours:
            raise BookingError(
                409,
                f"the week of {week_start:%Y-%m-%d} would have {used + hours:g} h booked;"
                f" the quota is {quota_hours} h",
            )


def book(
    db: Session,
    room: Room,
    user_id: int,
    title: str,
    start: datetime,
    end: datetime,
    weeks: int,
    quota_hours: int,
    series: str | None,
) -> list[Reservation]:
    """Book every occurrence or none: all checks run before anything is written."""
    occurrences = expand_weekly(start, end, weeks, ZoneInfo(room.timezone))
    for occurrence in occurrences:
        check_shape(room, occurrence)
    for occurrence in occurrences:
        conflict = find_conflict(db, room, occurrence)
        if conflict is not None:
            when = from_utc_naive(conflict.start, ZoneInfo(room.timezone))
            raise BookingError(409, f"{room.name} is already booked at {when:%Y-%m-%d %H:%M}")
    check_quota(db, user_id, occurrences, quota_hours)

    created = []
    for occurrence in occurrences:
        reservation = Reservation(
            room_id=room.id,
            user_id=user_id,
            title=title,
            start=to_utc_naive(occurrence.start),
            end=to_utc_naive(occurrence.end),
            series=series,
        )
        db.add(reservation)
        created.append(reservation)
    db.commit()
    return created
