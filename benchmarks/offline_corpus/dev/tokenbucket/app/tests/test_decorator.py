import pytest

from tokenbucket import RateLimited, SlidingWindowLimiter, TokenBucket, limited


def test_window_decorator_limits_per_key(clock):
    limiter = SlidingWindowLimiter(2, 60, clock=clock)

    @limited(limiter, key=lambda user, *args, **kwargs: user)
    def fetch(user, item):
        return f"{user}:{item}"

    assert fetch("alice", 1) == "alice:1"
    assert fetch("alice", 2) == "alice:2"
    with pytest.raises(RateLimited) as info:
        fetch("alice", 3)
    assert info.value.key == "alice"
    assert fetch("bob", 1) == "bob:1"


def test_rate_limited_carries_seconds_to_wait(clock):
    limiter = SlidingWindowLimiter(1, 60, clock=clock)

    @limited(limiter, key="shared")
    def ping():
        return "pong"

    ping()
    clock.advance(15)
    with pytest.raises(RateLimited) as info:
        ping()
    assert info.value.retry_after == pytest.approx(45)
    assert "45.00" in str(info.value)
    clock.advance(45)
    assert ping() == "pong"


def test_refused_call_does_not_run_the_function(clock):
    limiter = SlidingWindowLimiter(1, 60, clock=clock)
    calls = []

    @limited(limiter)
    def work():
        calls.append(1)

    work()
    with pytest.raises(RateLimited):
        work()
    assert calls == [1]


def test_key_function_gets_keyword_arguments(clock):
    limiter = SlidingWindowLimiter(1, 60, clock=clock)

    @limited(limiter, key=lambda **kwargs: kwargs["tenant"])
    def report(*, tenant):
        return tenant

    assert report(tenant="a") == "a"
    assert report(tenant="b") == "b"
    with pytest.raises(RateLimited):
        report(tenant="a")


def test_bucket_decorator(clock):
    bucket = TokenBucket(2, 0.5, clock=clock)

    @limited(bucket)
    def send():
        return "sent"

    assert send() == "sent"
    assert send() == "sent"
    with pytest.raises(RateLimited) as info:
        send()
    assert info.value.retry_after == pytest.approx(2)
    assert info.value.key is None


def test_wraps_preserves_metadata(clock):
    limiter = SlidingWindowLimiter(1, 1, clock=clock)

    @limited(limiter)
    def documented():
        """Docstring."""

    assert documented.__name__ == "documented"
    assert documented.__doc__ == "Docstring."
