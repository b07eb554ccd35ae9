"""`TTLCache`: least-recently-used eviction plus an expiry time per entry.

The clock is injectable (any zero-argument callable returning seconds as a float) so expiry can be tested without
sleeping. An entry set at time ``t`` with a ttl of ``n`` seconds is live while ``clock() < t + n`` and expired from
``t + n`` on.
"""

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

_MISSING: Any = object()


@dataclass(frozen=True)
class CacheStats:
    hits: int
    misses: int
    evictions: int
    expirations: int


class TTLCache:
    """A mapping of at most `maxsize` entries that forgets the least recently used one when full.

    `ttl` is the default time-to-live in seconds for entries set without one (None: entries never expire).
    """

    def __init__(self, maxsize: int = 128, ttl: float | None = None, *, clock: Callable[[], float] = time.monotonic):
        if maxsize < 1:
            raise ValueError(f"maxsize must be at least 1, got {maxsize}")
        if ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be positive, got {ttl}")
        self.maxsize = maxsize
        self.ttl = ttl
        self._clock = clock
        # key -> (value, expires_at or None); least recently used first.
        self._entries: OrderedDict[Hashable, tuple[Any, float | None]] = OrderedDict()
        self._hits = 0
        self._misses = 0
        self._evictions = 0
        self._expirations = 0

    # -- internals -------------------------------------------------------------------------------------------

    def _expired(self, expires_at: float | None, now: float) -> bool:
        return expires_at is not None and now >= expires_at

    def _live(self, key: Hashable) -> tuple[Any, float | None] | None:
        """The entry for `key` if present and not expired; an expired entry is dropped on the way."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        if self._expired(entry[1], self._clock()):
            del self._entries[key]
            self._expirations += 1
            return None
        return entry

    def _purge_expired(self) -> None:
        now = self._clock()
        for key in [k for k, (_, expires_at) in self._entries.items() if self._expired(expires_at, now)]:
            del self._entries[key]
            self._expirations += 1

    # -- public API ------------------------------------------------------------------------------------------

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The value for `key`, marking it most recently used; `default` when missing or expired."""
        entry = self._live(key)
        if entry is None:
            self._misses += 1
            return default
        self._entries.move_to_end(key)
        self._hits += 1
        return entry[0]

    def set(self, key: Hashable, value: Any, ttl: float | None = _MISSING) -> None:
        """Store `value` under `key` as the most recently used entry.

        `ttl` overrides the cache's default for this entry; pass None for an entry that never expires. When the
        cache is full, expired entries go first, then the least recently used one.
        """
        if ttl is _MISSING:
            ttl = self.ttl
        elif ttl is not None and ttl <= 0:
            raise ValueError(f"ttl must be positive, got {ttl}")
        expires_at = None if ttl is None else self._clock() + ttl
        if key in self._entries:
            self._entries[key] = (value, expires_at)
            self._entries.move_to_end(key)
            return
        if len(self._entries) >= self.maxsize:
            self._purge_expired()
        while len(self._entries) >= self.maxsize:
            self._entries.popitem(last=False)
            self._evictions += 1
        self._entries[key] = (value, expires_at)

    def delete(self, key: Hashable) -> bool:
        """Remove `key`; True if a live entry was removed."""
        if self._live(key) is None:
            return False
        del self._entries[key]
        return True

    def pop(self, key: Hashable, default: Any = _MISSING) -> Any:
        """Remove `key` and return its value; `default` (or KeyError without one) when missing or expired."""
        entry = self._live(key)
        if entry is None:
            if default is _MISSING:
                raise KeyError(key)
            return default
        del self._entries[key]
        return entry[0]

    def clear(self) -> None:
        """Forget every entry; the counters are kept."""
        self._entries.clear()

    def keys(self) -> list[Hashable]:
        """The live keys, least recently used first."""
        self._purge_expired()
        return list(self._entries)

    def ttl_remaining(self, key: Hashable) -> float | None:
        """Seconds until `key` expires (None if it never does); KeyError when missing or expired."""
        entry = self._live(key)
        if entry is None:
            raise KeyError(key)
        expires_at = entry[1]
        return None if expires_at is None else expires_at - self._clock()

    @property
    def stats(self) -> CacheStats:
        return CacheStats(self._hits, self._misses, self._evictions, self._expirations)

    def __len__(self) -> int:
        self._purge_expired()
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Whether `key` has a live entry; does not count as a use (no hit, no change of recency)."""
        entry = self._entries.get(key)  # type: ignore[call-overload]
        return entry is not None and not self._expired(entry[1], self._clock())

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.keys())

    def __repr__(self) -> str:
        return f"TTLCache(maxsize={self.maxsize}, ttl={self.ttl}, size={len(self)})"
