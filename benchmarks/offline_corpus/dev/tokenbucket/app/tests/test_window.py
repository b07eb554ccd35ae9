import pytest

from tokenbucket import SlidingWindowLimiter


def test_allows_up_to_limit_per_key(clock):
    limiter = SlidingWindowLimiter(3, 10, clock=clock)
    assert [limiter.allow("alice") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("bob") is True


def test_remaining_counts_down(clock):
    limiter = SlidingWindowLimiter(3, 10, clock=clock)
    assert limiter.remaining("alice") == 3
    limiter.allow("alice")
    limiter.allow("alice")
    assert limiter.remaining("alice") == 1
    limiter.allow("alice")
    limiter.allow("alice")
    assert limiter.remaining("alice") == 0
    assert limiter.remaining("bob") == 3


def test_calls_expire_after_the_window(clock):
    limiter = SlidingWindowLimiter(2, 10, clock=clock)
    limiter.allow("k")
    clock.advance(4)
    limiter.allow("k")
    assert limiter.allow("k") is False
    clock.advance(6)  # the first call is exactly 10 s old now
    assert limiter.remaining("k") == 1
    assert limiter.allow("k") is True
    assert limiter.allow("k") is False


def test_a_call_just_inside_the_window_still_counts(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    limiter.allow("k")
    clock.advance(9.999)
    assert limiter.allow("k") is False
    clock.advance(0.001)
    assert limiter.allow("k") is True


def test_remaining_recovers_without_new_calls(clock):
    limiter = SlidingWindowLimiter(2, 5, clock=clock)
    limiter.allow("k")
    limiter.allow("k")
    clock.advance(30)
    assert limiter.remaining("k") == 2


def test_refused_calls_are_not_recorded(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    assert limiter.allow("k")
    clock.advance(5)
    assert limiter.allow("k") is False
    assert limiter.reset_at("k") == 1010.0
    clock.advance(5)
    assert limiter.allow("k") is True


def test_reset_at_is_when_the_oldest_call_expires(clock):
    limiter = SlidingWindowLimiter(3, 60, clock=clock)
    limiter.allow("k")  # t=1000
    clock.advance(10)
    limiter.allow("k")  # t=1010
    clock.advance(10)
    limiter.allow("k")  # t=1020
    assert limiter.reset_at("k") == 1060.0
    clock.advance(45)  # t=1065: the first call has gone
    assert limiter.reset_at("k") == 1070.0


def test_reset_at_for_unknown_key_is_now(clock):
    limiter = SlidingWindowLimiter(3, 60, clock=clock)
    assert limiter.reset_at("nobody") == clock.now


def test_retry_after(clock):
    limiter = SlidingWindowLimiter(2, 30, clock=clock)
    limiter.allow("k")
    assert limiter.retry_after("k") == 0.0
    clock.advance(10)
    limiter.allow("k")
    assert limiter.retry_after("k") == pytest.approx(20)


def test_expired_keys_are_forgotten(clock):
    limiter = SlidingWindowLimiter(5, 10, clock=clock)
    limiter.allow("a")
    limiter.allow("b")
    clock.advance(5)
    limiter.allow("c")
    clock.advance(5)
    assert limiter.prune() == 2
    assert limiter.tracked_keys() == ["c"]
    clock.advance(10)
    assert limiter.remaining("c") == 5
    assert limiter.tracked_keys() == []


def test_reset_one_key_or_all(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    limiter.allow("a")
    limiter.allow("b")
    limiter.reset("a")
    assert limiter.allow("a") is True
    assert limiter.allow("b") is False
    limiter.reset()
    assert limiter.allow("b") is True


@pytest.mark.parametrize(("limit", "window"), [(0, 10), (1, 0), (3, -1)])
def test_constructor_validates(limit, window):
    with pytest.raises(ValueError):
        SlidingWindowLimiter(limit, window)
