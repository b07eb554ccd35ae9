from .limiters import RateLimitExceeded, SlidingWindowLimiter, TokenBucket

__all__ = ["RateLimitExceeded", "SlidingWindowLimiter", "TokenBucket"]
