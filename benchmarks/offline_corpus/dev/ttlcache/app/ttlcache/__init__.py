"""An in-memory LRU cache with per-entry time-to-live."""

from .cache import CacheStats, TTLCache

__all__ = ["CacheStats", "TTLCache"]
