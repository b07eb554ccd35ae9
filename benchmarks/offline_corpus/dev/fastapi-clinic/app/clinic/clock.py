from datetime import datetime, timezone


def get_now() -> datetime:
    """The current time (UTC, aware). A dependency, so tests can pin it."""
    return datetime.now(timezone.utc)


def to_utc_naive(value: datetime) -> datetime:
    """Datetimes are stored naive in UTC; a naive input is taken to be UTC already."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


def from_utc_naive(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc)
