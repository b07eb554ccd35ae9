import pytest

from retrying import RetryError, RetryPolicy, retry
from tests.conftest import Flaky

POLICY = RetryPolicy(max_attempts=4, base_delay=1, max_delay=30, multiplier=2)


def test_returns_the_first_success_without_sleeping(sleeps):
    fn = Flaky()
    assert retry(fn, POLICY, sleep=sleeps.append) == "ok"
    assert fn.calls == 1
    assert sleeps == []


def test_retries_until_success_and_sleeps_between(sleeps):
    fn = Flaky(ConnectionError("a"), ConnectionError("b"), result=42)
    assert retry(fn, POLICY, sleep=sleeps.append) == 42
    assert fn.calls == 3
    assert sleeps == [1, 2]


def test_gives_up_after_max_attempts(sleeps):
    errors = [TimeoutError(str(n)) for n in range(10)]
    fn = Flaky(*errors)
    with pytest.raises(RetryError) as caught:
        retry(fn, POLICY, sleep=sleeps.append)
    assert fn.calls == 4
    assert sleeps == [1, 2, 4]
    assert caught.value.attempts == 4
    assert caught.value.last_error is errors[3]
    assert caught.value.__cause__ is errors[3]
    assert "gave up after 4 attempt(s)" in str(caught.value)


def test_succeeds_on_the_last_attempt(sleeps):
    fn = Flaky(OSError(), OSError(), OSError(), result="late")
    assert retry(fn, POLICY, sleep=sleeps.append) == "late"
    assert fn.calls == 4


def test_reraise_gives_back_the_last_error(sleeps):
    last = ValueError("third")
    fn = Flaky(ValueError("first"), ValueError("second"), last)
    with pytest.raises(ValueError) as caught:
        retry(fn, RetryPolicy(max_attempts=3, base_delay=0), sleep=sleeps.append, reraise=True)
    assert caught.value is last


def test_single_attempt_policy_never_retries(sleeps):
    fn = Flaky(OSError("down"), result="never")
    with pytest.raises(RetryError) as caught:
        retry(fn, RetryPolicy(max_attempts=1), sleep=sleeps.append)
    assert caught.value.attempts == 1
    assert fn.calls == 1
    assert sleeps == []


def test_only_listed_errors_are_retried(sleeps):
    fn = Flaky(KeyError("missing"), result="never")
    with pytest.raises(KeyError):
        retry(fn, POLICY, sleep=sleeps.append, retry_on=(ConnectionError, TimeoutError))
    assert fn.calls == 1
    assert sleeps == []


def test_subclasses_of_listed_errors_are_retried(sleeps):
    fn = Flaky(ConnectionRefusedError(), result="up")
    assert retry(fn, POLICY, sleep=sleeps.append, retry_on=(ConnectionError,)) == "up"
    assert fn.calls == 2


def test_on_retry_sees_each_failed_attempt(sleeps):
    first, second = OSError("1"), OSError("2")
    seen = []
    retry(Flaky(first, second), POLICY, sleep=sleeps.append, on_retry=lambda n, err: seen.append((n, err)))
    assert seen == [(1, first), (2, second)]
