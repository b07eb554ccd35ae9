import math
import threading
from collections import deque

WINDOW_SECONDS = 60.0


class RateLimiter:
    """N requests per rolling minute, per caller."""

    def __init__(self, limit: int):
        self.limit = limit
        self._hits: dict[object, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, caller: object, now: float) -> int | None:
        """Record a request; answer None when allowed, else the seconds to wait."""
        with self._lock:
            hits = self._hits.setdefault(caller, deque())
            while hits and hits[0] <= now - WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= self.limit:
                wait = hits[0] + WINDOW_SECONDS - now
                return max(1, math.ceil(wait))
            hits.append(now)
            return None
