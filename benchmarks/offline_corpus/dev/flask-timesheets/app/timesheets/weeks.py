"""ISO-week helpers. An entry belongs to the ISO week (Monday to Sunday) in which it starts."""

from datetime import datetime, timedelta


def week_of(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(value: str) -> tuple[datetime, datetime]:
    """Return the Monday 00:00 that starts the week and the Monday after it; ValueError if malformed."""
    monday = datetime.strptime(f"{value}-1", "%G-W%V-%u")
    if week_of(monday) != value:
        raise ValueError(value)
    return monday, monday + timedelta(days=7)


def week_start(moment: datetime) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def parse_time(value) -> datetime:
    """Times are local wall-clock times written as ISO 8601 without an offset, to the minute."""
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 string")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        raise ValueError("give local times without an offset")
    if moment.second or moment.microsecond:
        raise ValueError("times are recorded to the minute")
    return moment
