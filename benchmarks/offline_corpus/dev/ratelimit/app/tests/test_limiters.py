import pytest

from ratelimit import RateLimitExceeded, SlidingWindowLimiter, TokenBucket


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def test_allows_up_to_the_limit(clock):
    limiter = SlidingWindowLimiter(3, 10, clock=clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]


def test_keys_are_independent(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    assert limiter.allow("a")
    assert limiter.allow("b")
    assert not limiter.allow("a")


def test_window_slides(clock):
    limiter = SlidingWindowLimiter(2, 10, clock=clock)
    limiter.allow("a")
    clock.advance(4)
    limiter.allow("a")
    assert not limiter.allow("a")
    clock.advance(6)  # the first call is exactly one window old now
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_refused_calls_do_not_count(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    limiter.allow("a")
    clock.advance(5)
    assert not limiter.allow("a")
    clock.advance(5)
    assert limiter.allow("a")


def test_remaining(clock):
    limiter = SlidingWindowLimiter(3, 10, clock=clock)
    assert limiter.remaining("a") == 3
    limiter.allow("a")
    assert limiter.remaining("a") == 2
    clock.advance(10)
    assert limiter.remaining("a") == 3


def test_retry_after(clock):
    limiter = SlidingWindowLimiter(2, 10, clock=clock)
    limiter.allow("a")
    clock.advance(3)
    limiter.allow("a")
    assert limiter.retry_after("a") == 7
    clock.advance(1)
    assert limiter.retry_after("a") == 6
    assert limiter.retry_after("b") == 0


def test_check_raises_with_retry_after(clock):
    limiter = SlidingWindowLimiter(1, 30, clock=clock)
    limiter.check("a")
    clock.advance(10)
    with pytest.raises(RateLimitExceeded) as info:
        limiter.check("a")
    assert info.value.key == "a"
    assert info.value.retry_after == 20
    assert "retry in 20.0s" in str(info.value)


def test_reset(clock):
    limiter = SlidingWindowLimiter(1, 10, clock=clock)
    limiter.allow("a")
    limiter.reset("a")
    assert limiter.allow("a")


@pytest.mark.parametrize(("limit", "window"), [(0, 1), (-1, 1), (1, 0)])
def test_sliding_window_validates(limit, window):
    with pytest.raises(ValueError):
        SlidingWindowLimiter(limit, window)


def test_bucket_starts_full_and_drains(clock):
    bucket = TokenBucket(3, 1, clock=clock)
    assert [bucket.consume() for _ in range(4)] == [True, True, True, False]
    assert bucket.tokens == 0


def test_bucket_refills_at_rate(clock):
    bucket = TokenBucket(4, 0.5, clock=clock)
    bucket.consume(4)
    clock.advance(3)
    assert bucket.tokens == 1.5
    assert bucket.consume()
    assert not bucket.consume()


def test_bucket_never_exceeds_capacity(clock):
    bucket = TokenBucket(2, 1, clock=clock)
    clock.advance(100)
    assert bucket.tokens == 2
    assert bucket.consume(2)
    assert not bucket.consume()


def test_bucket_consume_exact_balance(clock):
    bucket = TokenBucket(5, 1, clock=clock)
    assert bucket.consume(5)
    assert bucket.tokens == 0


def test_bucket_cost_larger_than_capacity(clock):
    with pytest.raises(ValueError):
        TokenBucket(2, 1, clock=clock).consume(3)


@pytest.mark.parametrize(("capacity", "rate"), [(0, 1), (1, 0)])
def test_bucket_validates(capacity, rate):
    with pytest.raises(ValueError):
        TokenBucket(capacity, rate)
