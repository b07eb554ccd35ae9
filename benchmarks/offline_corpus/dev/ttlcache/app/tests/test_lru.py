import pytest

from ttlcache import CacheStats, TTLCache


def test_get_returns_what_was_set():
    cache = TTLCache(maxsize=3)
    cache.set("a", 1)
    assert cache.get("a") == 1
    assert cache.get("missing") is None
    assert cache.get("missing", "fallback") == "fallback"


def test_falsy_values_are_stored():
    cache = TTLCache()
    cache.set("zero", 0)
    cache.set("none", None)
    assert cache.get("zero", "default") == 0
    assert cache.get("none", "default") is None
    assert "none" in cache


def test_evicts_least_recently_set():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]
    assert len(cache) == 2


def test_get_makes_an_entry_most_recently_used():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.get("a") == 1
    cache.set("c", 3)
    assert cache.keys() == ["a", "c"]
    assert cache.get("b") is None


def test_contains_does_not_change_recency_or_counters():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.set("b", 2)
    assert "a" in cache
    cache.set("c", 3)
    assert "a" not in cache
    assert cache.stats == CacheStats(hits=0, misses=0, evictions=1, expirations=0)


def test_overwriting_a_key_in_a_full_cache_evicts_nothing():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("a", 10)
    assert cache.get("a") == 10
    assert cache.get("b") == 2
    assert cache.stats.evictions == 0


def test_overwriting_a_key_makes_it_most_recently_used():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("a", 10)
    cache.set("c", 3)
    assert cache.keys() == ["a", "c"]


def test_maxsize_one():
    cache = TTLCache(maxsize=1)
    cache.set("a", 1)
    cache.set("b", 2)
    assert cache.keys() == ["b"]
    assert cache.stats.evictions == 1


def test_counters():
    cache = TTLCache(maxsize=2)
    cache.set("a", 1)
    cache.get("a")
    cache.get("a")
    cache.get("nope")
    cache.set("b", 2)
    cache.set("c", 3)
    cache.set("d", 4)
    assert cache.stats == CacheStats(hits=2, misses=1, evictions=2, expirations=0)


def test_delete():
    cache = TTLCache()
    cache.set("a", 1)
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert "a" not in cache
    assert len(cache) == 0


def test_pop():
    cache = TTLCache()
    cache.set("a", 1)
    assert cache.pop("a") == 1
    assert "a" not in cache
    with pytest.raises(KeyError):
        cache.pop("a")


def test_pop_with_a_default():
    cache = TTLCache()
    assert cache.pop("missing", "fallback") == "fallback"
    assert cache.pop("missing", None) is None


def test_clear_keeps_counters():
    cache = TTLCache()
    cache.set("a", 1)
    cache.get("a")
    cache.clear()
    assert len(cache) == 0
    assert cache.stats.hits == 1


def test_iterates_least_recently_used_first():
    cache = TTLCache()
    for key in "abc":
        cache.set(key, key.upper())
    cache.get("a")
    assert list(cache) == ["b", "c", "a"]


@pytest.mark.parametrize("maxsize", [0, -1])
def test_rejects_maxsize_below_one(maxsize):
    with pytest.raises(ValueError, match="maxsize must be at least 1"):
        TTLCache(maxsize=maxsize)


@pytest.mark.parametrize("ttl", [0, -5])
def test_rejects_non_positive_ttl(ttl):
    with pytest.raises(ValueError, match="ttl must be positive"):
        TTLCache(ttl=ttl)
    with pytest.raises(ValueError, match="ttl must be positive"):
        TTLCache().set("a", 1, ttl=ttl)


def test_repr():
    cache = TTLCache(maxsize=5, ttl=30)
    cache.set("a", 1)
    assert repr(cache) == "TTLCache(maxsize=5, ttl=30, size=1)"
