import random

import pytest

from retrying import RetryPolicy


def test_delays_grow_exponentially():
    policy = RetryPolicy(max_attempts=5, base_delay=0.5, max_delay=60, multiplier=3)
    assert policy.delay(1) == 0.5
    assert policy.delay(2) == 1.5
    assert policy.delay(3) == 4.5
    assert policy.delays() == [0.5, 1.5, 4.5, 13.5]


def test_delays_are_capped():
    policy = RetryPolicy(max_attempts=6, base_delay=1, max_delay=5, multiplier=2)
    assert policy.delays() == [1, 2, 4, 5, 5]


def test_one_attempt_means_no_waiting():
    assert RetryPolicy(max_attempts=1).delays() == []


def test_jitter_is_reproducible_with_a_seeded_rng():
    first = RetryPolicy(max_attempts=4, base_delay=1, max_delay=10, jitter=0.5, rng=random.Random(7)).delays()
    second = RetryPolicy(max_attempts=4, base_delay=1, max_delay=10, jitter=0.5, rng=random.Random(7)).delays()
    assert first == second
    expected_rng = random.Random(7)
    assert first == [base - base * 0.5 * expected_rng.random() for base in (1, 2, 4)]


def test_jitter_only_shortens_the_wait():
    policy = RetryPolicy(max_attempts=30, base_delay=1, max_delay=8, jitter=1, rng=random.Random(3))
    for attempt, wait in enumerate(policy.delays(), start=1):
        assert 0 <= wait <= min(2 ** (attempt - 1), 8)


def test_attempts_are_numbered_from_one():
    with pytest.raises(ValueError, match="numbered from 1"):
        RetryPolicy().delay(0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"base_delay": -1}, "base_delay"),
        ({"base_delay": 2, "max_delay": 1}, "max_delay"),
        ({"multiplier": 0.5}, "multiplier"),
        ({"jitter": 1.5}, "jitter"),
        ({"jitter": -0.1}, "jitter"),
    ],
)
def test_invalid_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        RetryPolicy(**kwargs)


def test_boundary_settings_are_allowed():
    policy = RetryPolicy(max_attempts=1, base_delay=0, max_delay=0, multiplier=1, jitter=1)
    assert policy.delay(1) == 0
