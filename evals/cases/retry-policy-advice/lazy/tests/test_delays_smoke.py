from payments.retry import backoff_delays


def test_delays():
    assert len(backoff_delays(3)) >= 0
