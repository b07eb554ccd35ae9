from payments.retry import backoff_delays


def test_no_attempts_no_delays():
    assert backoff_delays(0) == []
