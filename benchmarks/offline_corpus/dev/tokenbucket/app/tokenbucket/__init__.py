"""Rate limiting with an injectable clock.

>>> bucket = TokenBucket(capacity=2, refill_per_second=1)
>>> bucket.try_acquire(), bucket.try_acquire(), bucket.try_acquire()
(True, True, False)
"""

from tokenbucket.bucket import TokenBucket
from tokenbucket.decorator import RateLimited, limited
from tokenbucket.window import SlidingWindowLimiter

__all__ = ["RateLimited", "SlidingWindowLimiter", "TokenBucket", "limited"]
