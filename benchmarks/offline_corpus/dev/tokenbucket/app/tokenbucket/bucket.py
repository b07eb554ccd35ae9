"""A token bucket: bursts up to ``capacity``, refilled continuously."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]


class TokenBucket:
    """Hold up to ``capacity`` tokens, adding ``refill_per_second`` tokens every second.

    The bucket starts full. ``clock`` returns seconds as a float and defaults to
    :func:`time.monotonic`; pass your own for tests or simulations.
    """

    def __init__(self, capacity: float, refill_per_second: float, *, clock: Clock = time.monotonic) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        if refill_per_second <= 0:
            raise ValueError("refill_per_second must be positive")
        self.capacity = capacity
        self.refill_per_second = refill_per_second
        self._clock = clock
        self._tokens = float(capacity)
        self._last = clock()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"TokenBucket(capacity={self.capacity!r}, refill_per_second={self.refill_per_second!r}, "
            f"tokens={self.tokens:.3f})"
        )

    def _refill(self) -> None:
        now = self._clock()
        elapsed = now - self._last
        if elapsed > 0:
            self._tokens = min(self.capacity, self._tokens + elapsed * self.refill_per_second)
            self._last = now

    def _check(self, n: float) -> None:
        if n <= 0:
            raise ValueError("n must be positive")
        if n > self.capacity:
            raise ValueError(f"cannot acquire {n} tokens from a bucket of capacity {self.capacity}")

    @property
    def tokens(self) -> float:
        """Tokens available right now."""
        with self._lock:
            self._refill()
            return self._tokens

    def try_acquire(self, n: float = 1) -> bool:
        """Take ``n`` tokens if they are all available; never blocks.

        Raises ``ValueError`` when ``n`` is not positive or exceeds the capacity,
        since such a request could never succeed.
        """
        self._check(n)
        with self._lock:
            self._refill()
            if self._tokens >= n:
                self._tokens -= n
                return True
            return False

    def wait_time(self, n: float = 1) -> float:
        """Seconds until ``n`` tokens will be available (0.0 if they already are)."""
        self._check(n)
        with self._lock:
            self._refill()
            missing = n - self._tokens
            if missing <= 0:
                return 0.0
            return missing / self.refill_per_second

    def retry_after(self) -> float:
        """Seconds until a single token is available."""
        return self.wait_time(1)
