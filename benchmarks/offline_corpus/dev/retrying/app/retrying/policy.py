import random


class RetryPolicy:
    """How many times to try, and how long to wait between tries.

    The wait after the n-th failed attempt is ``base_delay * multiplier ** (n - 1)``, capped at ``max_delay``.
    With ``jitter`` (a fraction between 0 and 1) each wait is shortened by a random part of up to that fraction,
    drawn from ``rng`` so that tests can seed it.
    """

    def __init__(self, max_attempts=3, base_delay=0.1, max_delay=10.0, multiplier=2.0, jitter=0.0, rng=None):
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if base_delay < 0:
            raise ValueError("base_delay must not be negative")
        if max_delay < base_delay:
            raise ValueError("max_delay must not be smaller than base_delay")
        if multiplier < 1:
            raise ValueError("multiplier must be at least 1")
        if not 0 <= jitter <= 1:
            raise ValueError("jitter must be between 0 and 1")
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.multiplier = multiplier
        self.jitter = jitter
        self.rng = rng if rng is not None else random.Random()

    def __repr__(self):
        return (
            f"RetryPolicy(max_attempts={self.max_attempts}, base_delay={self.base_delay}, "
            f"max_delay={self.max_delay}, multiplier={self.multiplier}, jitter={self.jitter})"
        )

    def delay(self, attempt):
        """Seconds to wait after failed attempt number `attempt` (1 for the first attempt)."""
        if attempt < 1:
            raise ValueError("attempts are numbered from 1")
        wait = min(self.base_delay * self.multiplier ** (attempt - 1), self.max_delay)
        if self.jitter:
            wait -= wait * self.jitter * self.rng.random()
        return wait

    def delays(self):
        """The waits between the attempts: one fewer than max_attempts."""
        return [self.delay(attempt) for attempt in range(1, self.max_attempts)]
