from throttle.bucket import TokenBucket


def test_a_new_bucket_is_full():
    assert TokenBucket(3, 1.0, clock=lambda: 0.0).available == 3
