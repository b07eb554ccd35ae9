"""``@limited``: guard a function with a limiter."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from tokenbucket.bucket import TokenBucket
from tokenbucket.window import SlidingWindowLimiter

F = TypeVar("F", bound=Callable[..., Any])

KeyFunc = Callable[..., Hashable]


class RateLimited(Exception):
    """Raised by a ``@limited`` function when its caller is over the limit.

    ``retry_after`` is the number of seconds to wait before trying again and
    ``key`` the caller's key (None for a token bucket).
    """

    def __init__(self, retry_after: float, key: Hashable | None = None) -> None:
        self.retry_after = retry_after
        self.key = key
        super().__init__(f"rate limit exceeded; retry after {retry_after:.2f}s")


def limited(limiter: TokenBucket | SlidingWindowLimiter, key: Hashable | KeyFunc = "default") -> Callable[[F], F]:
    """Decorate a function so each call first passes ``limiter``.

    With a :class:`SlidingWindowLimiter`, ``key`` is either a fixed key or a
    callable given the decorated function's arguments that returns the key, e.g.
    ``key=lambda user, *a, **kw: user.id``. A :class:`TokenBucket` is shared by
    every caller and ignores ``key``. Refused calls raise :class:`RateLimited`
    without calling the function.
    """

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if isinstance(limiter, TokenBucket):
                if not limiter.try_acquire():
                    raise RateLimited(limiter.wait_time(1))
                return func(*args, **kwargs)
            caller = key(*args, **kwargs) if callable(key) else key
            if not limiter.allow(caller):
                raise RateLimited(limiter.retry_after(caller), caller)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
