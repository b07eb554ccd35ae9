import pytest

from reservations import Warehouse


class FakeClock:
    def __init__(self, start: float = 500.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def warehouse(clock):
    wh = Warehouse(clock=clock)
    wh.add_stock("MUG-1", 10)
    return wh
