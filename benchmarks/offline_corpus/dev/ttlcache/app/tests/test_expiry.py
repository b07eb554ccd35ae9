import pytest

from ttlcache import CacheStats, TTLCache


def test_entry_lives_until_its_ttl(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    clock.advance(9.999)
    assert cache.get("a") == 1


def test_entry_expires_exactly_at_its_ttl(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    clock.advance(10)
    assert "a" not in cache
    assert cache.get("a", "gone") == "gone"


def test_default_none_never_expires(clock):
    cache = TTLCache(clock=clock)
    cache.set("a", 1)
    clock.advance(10**9)
    assert cache.get("a") == 1


def test_per_entry_ttl_overrides_the_default(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("short", 1, ttl=2)
    cache.set("long", 2, ttl=60)
    cache.set("forever", 3, ttl=None)
    cache.set("default", 4)
    clock.advance(5)
    assert "short" not in cache
    assert "default" in cache
    clock.advance(10)
    assert "default" not in cache
    assert cache.get("long") == 2
    clock.advance(100)
    assert cache.keys() == ["forever"]


def test_setting_again_restarts_the_ttl(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    clock.advance(8)
    cache.set("a", 2)
    clock.advance(8)
    assert cache.get("a") == 2


def test_get_does_not_extend_the_ttl(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    clock.advance(6)
    assert cache.get("a") == 1
    clock.advance(6)
    assert cache.get("a") is None


def test_expired_get_counts_a_miss_and_an_expiration(clock):
    cache = TTLCache(ttl=1, clock=clock)
    cache.set("a", 1)
    clock.advance(1)
    cache.get("a")
    assert cache.stats == CacheStats(hits=0, misses=1, evictions=0, expirations=1)


def test_len_counts_only_live_entries(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2, ttl=20)
    clock.advance(10)
    assert len(cache) == 1
    assert cache.stats.expirations == 1


def test_a_full_cache_drops_expired_entries_before_evicting(clock):
    cache = TTLCache(maxsize=2, clock=clock)
    cache.set("old", 1)
    cache.set("brief", 2, ttl=1)
    clock.advance(1)
    cache.set("new", 3)
    assert cache.get("old") == 1
    assert cache.get("new") == 3
    assert cache.stats.evictions == 0
    assert cache.stats.expirations == 1


def test_delete_and_pop_treat_expired_as_missing(clock):
    cache = TTLCache(ttl=5, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2)
    clock.advance(5)
    assert cache.delete("a") is False
    assert cache.pop("b", "gone") == "gone"
    with pytest.raises(KeyError):
        cache.pop("b")


def test_ttl_remaining(clock):
    cache = TTLCache(ttl=10, clock=clock)
    cache.set("a", 1)
    cache.set("b", 2, ttl=None)
    clock.advance(4)
    assert cache.ttl_remaining("a") == 6
    assert cache.ttl_remaining("b") is None
    clock.advance(6)
    with pytest.raises(KeyError):
        cache.ttl_remaining("a")


def test_uses_the_real_clock_by_default():
    cache = TTLCache(ttl=60)
    cache.set("a", 1)
    assert 59 < cache.ttl_remaining("a") <= 60
