from datetime import date, datetime, timedelta

import pytest

from roster import Roster

MONDAY = date(2026, 6, 1)


class Clock:
    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kwargs) -> None:
        self.at += timedelta(**kwargs)


@pytest.fixture
def clock():
    # the Friday before the rostered week
    return Clock(datetime(2026, 5, 29, 12, 0))


@pytest.fixture
def roster(clock):
    return Roster(clock=clock)


def day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)
