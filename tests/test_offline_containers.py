"""Exploration of container classes, clocks and dates: the offline engine calls `len(obj)`, `key in obj` and
`obj[key]` through Python's syntax, hands a class that takes a clock a fake one it moves, fills a capacity with
keys taken in turn, and passes dates, timedeltas and collections of them to pure functions.

Each test writes a small library the engine has never seen, lets it write tests (its discovery runs here with this
interpreter), checks they pass on the code as written, then seeds one realistic bug and checks a kept test fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_offline_engine import pytest_in, seeded, write_tests
from test_offline_explore import library

SHELF = '''\
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class Shelf:
    """Keeps at most `capacity` things; the one unused for longest goes when it is full. Things expire `ttl`
    seconds after they were put (None: never)."""

    def __init__(self, capacity: int = 64, ttl: float | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.ttl = ttl
        self._clock = clock
        self._things: OrderedDict[Hashable, tuple[Any, float | None]] = OrderedDict()
        self.dropped = 0

    def put(self, key: Hashable, value: Any) -> None:
        ends = None if self.ttl is None else self._clock() + self.ttl
        if key not in self._things and len(self._things) >= self.capacity:
            self._things.popitem(last=False)
            self.dropped += 1
        self._things[key] = (value, ends)
        self._things.move_to_end(key)

    def take(self, key: Hashable, default: Any = None) -> Any:
        entry = self._things.get(key)
        if entry is None or (entry[1] is not None and self._clock() >= entry[1]):
            return default
        self._things.move_to_end(key)
        return entry[0]

    def __len__(self) -> int:
        return sum(1 for key in self._things if self.take(key, self) is not self)

    def __contains__(self, key: object) -> bool:
        entry = self._things.get(key)  # type: ignore[call-overload]
        return entry is not None and (entry[1] is None or self._clock() < entry[1])
'''

CALENDAR = '''\
from collections.abc import Iterable
from datetime import date, timedelta

SATURDAY = 5


def is_open(day: date, closed: Iterable[date] = ()) -> bool:
    """Monday to Friday, unless the day is in `closed`."""
    return day.weekday() < SATURDAY and day not in set(closed)


def open_days_after(start: date, count: int, closed: Iterable[date] = ()) -> date:
    """The day `count` open days after `start` (start itself not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        if is_open(day, closed):
            count -= 1
    return day


def hours(span: timedelta) -> float:
    """The span in hours."""
    return span.total_seconds() / 3600
'''


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The shelf library with the tests the engine wrote for it (written once for the module's tests)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAY_EXPLORE_BUDGET_S", "10")
        repo = library(tmp_path_factory.mktemp("containers"), "shelf", SHELF)
        [(path, text)] = write_tests(repo, "add tests for the Shelf class in lib/shelf.py").items()
    return repo, path, text


def test_container_tests_use_the_syntax_and_a_fake_clock_and_pass(shelf: tuple[Path, str, str]) -> None:
    repo, path, text = shelf
    assert "clock = FakeClock()" in text
    assert "clock.now += " in text
    assert "len(obj)" in text
    assert " in obj" in text
    assert "obj.__" not in text
    assert pytest_in(repo, path).returncode == 0, text


@pytest.mark.parametrize(("before", "after"), [
    ("self._things.popitem(last=False)", "self._things.popitem(last=True)"),  # the newest thing goes
    ("self._clock() >= entry[1])", "self._clock() > entry[1])"),  # served at its expiry time
    ("(entry[1] is None or self._clock() < entry[1])", "True"),  # `in` ignores expiry
    ("        self._things.move_to_end(key)\n        return entry[0]", "        return entry[0]"),  # take is no use
])
def test_container_tests_catch_a_seeded_bug(shelf: tuple[Path, str, str], tmp_path: Path, before: str,
                                            after: str) -> None:
    repo = tmp_path / "shelf"
    shutil.copytree(shelf[0], repo)
    seeded(repo, "lib/shelf.py", before, after)
    assert pytest_in(repo, shelf[1]).returncode == 1, shelf[2]


def test_dates_and_collections_of_dates_are_passed_and_pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
    repo = library(tmp_path, "calendar_days", CALENDAR)
    [(path, text)] = write_tests(repo, "add tests for open_days_after and hours in lib/calendar_days.py").items()
    assert "from datetime import date" in text
    assert "date(20" in text
    assert "timedelta(" in text
    assert pytest_in(repo, path).returncode == 0, text
    seeded(repo, "lib/calendar_days.py", "SATURDAY = 5", "SATURDAY = 6")  # Saturday counted as open
    assert pytest_in(repo, path).returncode == 1, text
