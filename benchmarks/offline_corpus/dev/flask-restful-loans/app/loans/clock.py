from datetime import datetime, timezone

from flask import current_app


def utcnow():
    return datetime.now(timezone.utc)


def today():
    """The current date by the app's clock (``CLOCK`` in the config, a callable returning a datetime)."""
    return current_app.config["CLOCK"]().date()
