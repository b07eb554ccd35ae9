"""A token bucket per client: `capacity` tokens, refilled at `rate` tokens a second, never above capacity."""

from __future__ import annotations

from collections.abc import Callable


class TokenBucket:
    def __init__(self, capacity: int, rate: float, clock: Callable[[], float]) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("capacity must be at least 1 and rate positive")
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._tokens = float(capacity)
        self._last = clock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._last)
        self._tokens = min(float(self.capacity), self._tokens + elapsed * self.rate)
        self._last = now

    def try_take(self, cost: int = 1) -> bool:
        """Take `cost` tokens if there are enough; a refused request takes nothing."""
        if cost < 1 or cost > self.capacity:
            raise ValueError(f"cost must be between 1 and {self.capacity}")
        self._refill()
        if self._tokens < cost:
            return False
        self._tokens -= cost
        return True

    @property
    def available(self) -> float:
        self._refill()
        return self._tokens
