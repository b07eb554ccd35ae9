"""Rate limiters keyed by client. Pass `clock` to control time (defaults to time.monotonic)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateLimitExceeded(Exception):
    def __init__(self, key: str, retry_after: float) -> None:
        super().__init__(f"rate limit exceeded for {key}; retry in {retry_after:.1f}s")
        self.key = key
        self.retry_after = retry_after


class SlidingWindowLimiter:
    """At most `limit` calls per `window` seconds for each key."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        if limit <= 0:
            raise ValueError("limit must be positive")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}

    def _prune(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def allow(self, key: str) -> bool:
        """Record a call for `key` if it is within the limit; return whether it was allowed."""
        now = self._clock()
        hits = self._prune(key, now)
        if len(hits) < self.limit:
            hits.append(now)
            return True
        return False

    def check(self, key: str) -> None:
        """Like `allow`, but raise RateLimitExceeded when the call is refused."""
        if not self.allow(key):
            raise RateLimitExceeded(key, self.retry_after(key))

    def remaining(self, key: str) -> int:
        return self.limit - len(self._prune(key, self._clock()))

    def retry_after(self, key: str) -> float:
        """Seconds until the next call for `key` would be allowed (0 when it would be now)."""
        now = self._clock()
        hits = self._prune(key, now)
        if len(hits) < self.limit:
            return 0.0
        return hits[0] + self.window - now

    def reset(self, key: str) -> None:
        self._hits.pop(key, None)


class TokenBucket:
    """`capacity` tokens, refilled at `rate` tokens per second; each call takes `cost` tokens."""

    def __init__(self, capacity: float, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if capacity <= 0 or rate <= 0:
            raise ValueError("capacity and rate must be positive")
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._tokens = capacity
        self._updated = clock()

    def _refill(self) -> None:
        now = self._clock()
        elapsed = now - self._updated
        self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
        self._updated = now

    @property
    def tokens(self) -> float:
        self._refill()
        return self._tokens

    def consume(self, cost: float = 1) -> bool:
        if cost > self.capacity:
            raise ValueError("cost is larger than the bucket")
        self._refill()
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False
