import pytest

from tokenbucket import TokenBucket


def test_bucket_starts_full(clock):
    bucket = TokenBucket(3, 1, clock=clock)
    assert bucket.tokens == 3
    assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False]


def test_can_take_the_last_token_exactly(clock):
    bucket = TokenBucket(2, 1, clock=clock)
    assert bucket.try_acquire(2) is True
    assert bucket.tokens == 0
    assert bucket.try_acquire() is False


def test_acquire_many_is_all_or_nothing(clock):
    bucket = TokenBucket(5, 1, clock=clock)
    assert bucket.try_acquire(4)
    assert bucket.try_acquire(2) is False
    assert bucket.tokens == 1


def test_refills_over_time(clock):
    bucket = TokenBucket(4, 2, clock=clock)
    assert bucket.try_acquire(4)
    clock.advance(0.5)
    assert bucket.tokens == pytest.approx(1)
    assert bucket.try_acquire()
    assert bucket.try_acquire() is False


def test_refill_is_counted_once(clock):
    bucket = TokenBucket(3, 1, clock=clock)
    assert bucket.try_acquire(3)
    clock.advance(1)
    assert bucket.try_acquire() is True
    assert bucket.try_acquire() is False
    clock.advance(1)
    assert bucket.try_acquire() is True
    assert bucket.try_acquire() is False


def test_refill_never_exceeds_capacity(clock):
    bucket = TokenBucket(3, 10, clock=clock)
    assert bucket.try_acquire()
    clock.advance(60)
    assert bucket.tokens == 3
    assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False]


def test_acquire_equal_to_capacity_is_allowed(clock):
    bucket = TokenBucket(5, 1, clock=clock)
    assert bucket.try_acquire(5) is True
    assert bucket.wait_time(5) == pytest.approx(5)


@pytest.mark.parametrize("n", [6, 5.5, 100])
def test_acquire_above_capacity_is_refused(clock, n):
    bucket = TokenBucket(5, 1, clock=clock)
    with pytest.raises(ValueError):
        bucket.try_acquire(n)
    with pytest.raises(ValueError):
        bucket.wait_time(n)
    assert bucket.tokens == 5


@pytest.mark.parametrize("n", [0, -1])
def test_non_positive_n_is_refused(clock, n):
    bucket = TokenBucket(5, 1, clock=clock)
    with pytest.raises(ValueError):
        bucket.try_acquire(n)


@pytest.mark.parametrize(("capacity", "rate"), [(0, 1), (-1, 1), (1, 0), (1, -2)])
def test_constructor_validates(capacity, rate):
    with pytest.raises(ValueError):
        TokenBucket(capacity, rate)


def test_wait_time_is_zero_when_tokens_are_available(clock):
    bucket = TokenBucket(3, 1, clock=clock)
    assert bucket.wait_time(3) == 0.0
    assert bucket.retry_after() == 0.0


def test_wait_time_accounts_for_tokens_already_there(clock):
    bucket = TokenBucket(10, 2, clock=clock)
    assert bucket.try_acquire(10)
    clock.advance(1)  # 2 tokens back
    assert bucket.wait_time(5) == pytest.approx(1.5)
    assert bucket.wait_time(1) == 0.0


def test_wait_time_when_empty(clock):
    bucket = TokenBucket(4, 0.5, clock=clock)
    assert bucket.try_acquire(4)
    assert bucket.wait_time() == pytest.approx(2)
    assert bucket.retry_after() == pytest.approx(2)
    clock.advance(2)
    assert bucket.try_acquire()


def test_wait_time_does_not_consume(clock):
    bucket = TokenBucket(2, 1, clock=clock)
    bucket.wait_time(2)
    assert bucket.try_acquire(2)


def test_clock_going_backwards_adds_nothing(clock):
    bucket = TokenBucket(2, 1, clock=clock)
    assert bucket.try_acquire(2)
    clock.advance(-5)
    assert bucket.tokens == 0
    clock.advance(6)
    assert bucket.tokens == pytest.approx(1)
