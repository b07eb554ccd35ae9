import time

CLOSED = "closed"
OPEN = "open"
HALF_OPEN = "half-open"


class CircuitOpenError(Exception):
    """The breaker is open: the call was not made. `retry_after` is how many seconds remain of the cooldown."""

    def __init__(self, retry_after):
        super().__init__(f"circuit open, retry after {retry_after:.1f}s")
        self.retry_after = retry_after


class CircuitBreaker:
    """Stops calling a dependency after `failure_threshold` consecutive failures.

    While open, calls fail fast with CircuitOpenError. Once `reset_timeout` seconds have passed the breaker is
    half-open: the next call is let through as a trial; success closes the breaker, failure opens it again for
    another full cooldown. `clock` returns the current time in seconds (time.monotonic by default).
    """

    def __init__(self, failure_threshold=5, reset_timeout=30.0, clock=time.monotonic):
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_timeout <= 0:
            raise ValueError("reset_timeout must be positive")
        self.failure_threshold = failure_threshold
        self.reset_timeout = reset_timeout
        self._clock = clock
        self._state = CLOSED
        self._failures = 0
        self._opened_at = None

    @property
    def state(self):
        if self._state == OPEN and self._clock() - self._opened_at >= self.reset_timeout:
            self._state = HALF_OPEN
        return self._state

    @property
    def failures(self):
        """Consecutive failures counted while closed."""
        return self._failures

    def call(self, fn, *args, **kwargs):
        if self.state == OPEN:
            raise CircuitOpenError(self.reset_timeout - (self._clock() - self._opened_at))
        try:
            result = fn(*args, **kwargs)
        except Exception:
            self._on_failure()
            raise
        self._on_success()
        return result

    def reset(self):
        """Close the breaker by hand and forget the failures."""
        self._state = CLOSED
        self._failures = 0
        self._opened_at = None

    def _on_success(self):
        self._state = CLOSED
        self._failures = 0

    def _on_failure(self):
        if self._state == HALF_OPEN:
            self._open()
            return
        self._failures += 1
        if self._failures >= self.failure_threshold:
            self._open()

    def _open(self):
        self._state = OPEN
        self._opened_at = self._clock()
        self._failures = 0
