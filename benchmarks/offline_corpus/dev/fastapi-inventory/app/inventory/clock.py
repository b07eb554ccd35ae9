import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...


class SystemClock:
    def now(self) -> float:
        return time.time()


_system_clock = SystemClock()


def get_clock() -> Clock:
    return _system_clock
