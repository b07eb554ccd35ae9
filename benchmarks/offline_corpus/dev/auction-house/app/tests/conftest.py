from datetime import datetime, timedelta, timezone

import pytest

from auction_house import Auction

START = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)
END = START + timedelta(days=3)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START + timedelta(hours=1))


@pytest.fixture
def make_auction(clock):
    def make(**overrides):
        options = {
            "seller": "sam",
            "starting_price": "10.00",
            "starts_at": START,
            "ends_at": END,
            "clock": clock,
        }
        title = overrides.pop("title", "Brass lamp")
        options.update(overrides)
        return Auction(title, **options)

    return make


@pytest.fixture
def lot(make_auction):
    return make_auction()
