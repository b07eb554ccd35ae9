import asyncio

import pytest


class FakeSleep:
    """Stands in for asyncio.sleep in the queue: records the delays and yields once."""

    def __init__(self):
        self.delays = []

    async def __call__(self, seconds):
        self.delays.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
def fake_sleep():
    return FakeSleep()


class Flaky:
    """An async callable that raises `failures` times, then answers `value`."""

    def __init__(self, failures, value="ok", exc=ConnectionError):
        self.failures = failures
        self.value = value
        self.exc = exc
        self.calls = 0

    async def __call__(self):
        self.calls += 1
        await asyncio.sleep(0)
        if self.calls <= self.failures:
            raise self.exc(f"attempt {self.calls} failed")
        return self.value


@pytest.fixture
def flaky():
    return Flaky
