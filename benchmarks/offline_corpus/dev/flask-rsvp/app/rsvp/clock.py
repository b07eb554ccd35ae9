from datetime import datetime, timezone

from flask import current_app


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def now() -> datetime:
    """The current time as naive UTC (how the database stores times); the app's CLOCK setting can replace it."""
    return current_app.config["CLOCK"]().astimezone(timezone.utc).replace(tzinfo=None)
