"""The retry policy of the payments client: exponential backoff with a cap, pure arithmetic."""

from __future__ import annotations


def backoff_delays(attempts: int, base_s: float = 0.5, cap_s: float = 8.0) -> list[float]:
    """Seconds to wait before each retry: base, 2*base, 4*base... never above cap."""
    if attempts < 0 or base_s <= 0 or cap_s < base_s:
        raise ValueError("attempts >= 0 and 0 < base <= cap")
    return [min(cap_s, base_s * 2**i) for i in range(attempts)]
