from collections.abc import Callable
from datetime import datetime, timezone

from fastapi import Depends

Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def get_clock() -> Clock:
    """The clock every route reads "now" from; tests override this dependency."""
    return utcnow


def current_time(clock: Clock = Depends(get_clock)) -> datetime:
    return clock()
