import time


class RetryError(Exception):
    """Every attempt failed. `attempts` is how many were made, `last_error` what the last one raised."""

    def __init__(self, attempts, last_error):
        super().__init__(f"gave up after {attempts} attempt(s): {last_error!r}")
        self.attempts = attempts
        self.last_error = last_error


def retry(fn, policy, *, sleep=time.sleep, retry_on=(Exception,), reraise=False, on_retry=None):
    """Call `fn()` until it returns, at most `policy.max_attempts` times.

    Only exceptions that are instances of `retry_on` are retried; any other propagates at once. Between attempts
    it calls `sleep(policy.delay(n))` and, when given, `on_retry(n, error)`. When every attempt fails it raises
    `RetryError` chained to the last error, or the last error itself with `reraise=True`.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            return fn()
        except retry_on as error:
            if attempt >= policy.max_attempts:
                if reraise:
                    raise
                raise RetryError(attempt, error) from error
            if on_retry is not None:
                on_retry(attempt, error)
            sleep(policy.delay(attempt))
