from throttle.bucket import TokenBucket


def test_take():
    assert TokenBucket(5, 1.0, clock=lambda: 0.0).try_take() in (True, False)
