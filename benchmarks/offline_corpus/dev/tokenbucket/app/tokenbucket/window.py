"""A sliding-window log limiter keyed by caller."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Hashable

Clock = Callable[[], float]


class SlidingWindowLimiter:
    """Allow at most ``limit`` calls per key within any ``window_seconds`` span.

    Each allowed call is recorded with its timestamp; a record expires once it is
    ``window_seconds`` old. Refused calls are not recorded. Keys whose records
    have all expired are forgotten, so idle callers cost no memory.
    """

    def __init__(self, limit: int, window_seconds: float, *, clock: Clock = time.monotonic) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window_seconds <= 0:
            raise ValueError("window_seconds must be positive")
        self.limit = limit
        self.window_seconds = window_seconds
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, key: Hashable, now: float) -> deque[float] | None:
        hits = self._hits.get(key)
        if hits is None:
            return None
        cutoff = now - self.window_seconds
        while hits and hits[0] <= cutoff:
            hits.popleft()
        if not hits:
            del self._hits[key]
            return None
        return hits

    def allow(self, key: Hashable) -> bool:
        """Record a call for ``key`` and return True, or return False if over the limit."""
        with self._lock:
            now = self._clock()
            hits = self._prune(key, now)
            if hits is None:
                self._hits[key] = deque([now])
                return True
            if len(hits) < self.limit:
                hits.append(now)
                return True
            return False

    def remaining(self, key: Hashable) -> int:
        """Calls ``key`` may still make in the current window."""
        with self._lock:
            hits = self._prune(key, self._clock())
            used = 0 if hits is None else len(hits)
            return self.limit - used

    def reset_at(self, key: Hashable) -> float:
        """Clock time at which ``key``'s oldest recorded call leaves the window.

        For a key with no recorded calls this is the current time.
        """
        with self._lock:
            now = self._clock()
            hits = self._prune(key, now)
            if hits is None:
                return now
            return hits[0] + self.window_seconds

    def retry_after(self, key: Hashable) -> float:
        """Seconds ``key`` must wait before its next call is allowed (0.0 if it may call now)."""
        if self.remaining(key) > 0:
            return 0.0
        return max(0.0, self.reset_at(key) - self._clock())

    def reset(self, key: Hashable | None = None) -> None:
        """Forget ``key``'s calls, or every key's when ``key`` is None."""
        with self._lock:
            if key is None:
                self._hits.clear()
            else:
                self._hits.pop(key, None)

    def prune(self) -> int:
        """Drop expired records for every key; return how many keys were forgotten."""
        with self._lock:
            now = self._clock()
            before = len(self._hits)
            for key in list(self._hits):
                self._prune(key, now)
            return before - len(self._hits)

    def tracked_keys(self) -> list[Hashable]:
        """Keys that currently hold records (expired ones may linger until touched or pruned)."""
        with self._lock:
            return list(self._hits)
