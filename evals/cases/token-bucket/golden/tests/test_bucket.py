import pytest

from throttle.bucket import TokenBucket


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def make(capacity=3, rate=1.0):
    clock = Clock()
    return TokenBucket(capacity, rate, clock=clock), clock


def test_success_requests_take_tokens_until_the_bucket_is_empty():
    bucket, _ = make()
    assert [bucket.try_take() for _ in range(4)] == [True, True, True, False]
    assert bucket.available == 0


def test_side_effect_a_refused_request_takes_nothing():
    bucket, _ = make()
    assert bucket.try_take(2)
    assert not bucket.try_take(2)
    assert bucket.available == 1


def test_success_tokens_come_back_at_the_rate():
    bucket, clock = make(rate=2.0)
    for _ in range(3):
        bucket.try_take()
    clock.t += 1.0
    assert bucket.available == 2
    assert bucket.try_take(2) and not bucket.try_take()


def test_boundary_refill_never_exceeds_capacity():
    bucket, clock = make()
    bucket.try_take()
    clock.t += 1000
    assert bucket.available == 3
    assert bucket.try_take(3) and not bucket.try_take()


def test_boundary_a_clock_going_backwards_adds_nothing():
    bucket, clock = make()
    bucket.try_take(3)
    clock.t -= 50
    assert bucket.available == 0


@pytest.mark.parametrize("cost", [0, -1, 4])
def test_invalid_input_costs_outside_one_to_capacity_are_refused(cost):
    bucket, _ = make()
    with pytest.raises(ValueError, match="cost"):
        bucket.try_take(cost)
    assert bucket.available == 3


@pytest.mark.parametrize("capacity, rate", [(0, 1.0), (3, 0.0), (3, -1.0)])
def test_invalid_input_bad_configuration_is_refused(capacity, rate):
    with pytest.raises(ValueError):
        TokenBucket(capacity, rate, clock=lambda: 0.0)
