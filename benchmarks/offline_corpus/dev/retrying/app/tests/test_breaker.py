import pytest

from retrying import CircuitBreaker, CircuitOpenError


def boom():
    raise ConnectionError("down")


def fail(breaker, times):
    for _ in range(times):
        with pytest.raises(ConnectionError):
            breaker.call(boom)


@pytest.fixture
def breaker(clock):
    return CircuitBreaker(failure_threshold=3, reset_timeout=10, clock=clock)


def test_starts_closed_and_passes_calls_through(breaker):
    assert breaker.state == "closed"
    assert breaker.call(lambda a, b=0: a + b, 2, b=3) == 5


def test_opens_after_threshold_consecutive_failures(breaker):
    fail(breaker, 2)
    assert breaker.state == "closed"
    assert breaker.failures == 2
    fail(breaker, 1)
    assert breaker.state == "open"


def test_open_breaker_fails_fast_without_calling(breaker, clock):
    fail(breaker, 3)
    calls = []
    clock.advance(4)
    with pytest.raises(CircuitOpenError) as caught:
        breaker.call(calls.append, "x")
    assert calls == []
    assert caught.value.retry_after == 6


def test_success_resets_the_failure_count(breaker):
    fail(breaker, 2)
    breaker.call(lambda: None)
    assert breaker.failures == 0
    fail(breaker, 2)
    assert breaker.state == "closed"


def test_half_open_exactly_when_the_cooldown_ends(breaker, clock):
    fail(breaker, 3)
    clock.advance(9.5)
    assert breaker.state == "open"
    clock.advance(0.5)
    assert breaker.state == "half-open"


def test_successful_trial_closes_the_breaker(breaker, clock):
    fail(breaker, 3)
    clock.advance(10)
    assert breaker.call(lambda: "back") == "back"
    assert breaker.state == "closed"
    assert breaker.failures == 0


def test_failed_trial_reopens_for_a_full_cooldown(breaker, clock):
    fail(breaker, 3)
    clock.advance(10)
    fail(breaker, 1)
    assert breaker.state == "open"
    clock.advance(9)
    with pytest.raises(CircuitOpenError):
        breaker.call(lambda: "nope")
    clock.advance(1)
    assert breaker.state == "half-open"


def test_reset_closes_by_hand(breaker):
    fail(breaker, 3)
    breaker.reset()
    assert breaker.state == "closed"
    assert breaker.call(lambda: 1) == 1


def test_threshold_of_one(clock):
    breaker = CircuitBreaker(failure_threshold=1, reset_timeout=5, clock=clock)
    fail(breaker, 1)
    assert breaker.state == "open"


@pytest.mark.parametrize(("kwargs", "message"), [({"failure_threshold": 0}, "failure_threshold"),
                                                 ({"reset_timeout": 0}, "reset_timeout")])
def test_invalid_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CircuitBreaker(**kwargs)
