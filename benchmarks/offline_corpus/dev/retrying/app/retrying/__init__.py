"""Retry flaky calls with exponential backoff, and stop calling a broken dependency with a circuit breaker."""

from .breaker import CircuitBreaker, CircuitOpenError
from .policy import RetryPolicy
from .retry import RetryError, retry

__all__ = ["CircuitBreaker", "CircuitOpenError", "RetryError", "RetryPolicy", "retry"]
