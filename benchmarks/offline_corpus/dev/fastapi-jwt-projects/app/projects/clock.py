from datetime import datetime, timezone


def get_now() -> datetime:
    """The current time, as a dependency so tests can move it."""
    return datetime.now(timezone.utc)


def as_utc(value: datetime) -> datetime:
    """sqlite hands datetimes back without a zone; everything stored is UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
