"""The statistics a skill comparison needs: Wilson intervals, pass@k / pass^k, and a paired bootstrap over cases."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["better", "worse", "no detectable difference"]


def wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a pass rate; unlike the normal approximation it stays inside [0, 1]."""
    if trials <= 0:
        return (0.0, 1.0)
    if not 0 <= successes <= trials:
        raise ValueError(f"successes must be within 0..{trials}, got {successes}")
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chance that at least one of k attempts drawn from n (c of them passing) passes (unbiased estimator)."""
    _check(n, c, k)
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def pass_hat_k(n: int, c: int, k: int) -> float:
    """pass^k: chance that all k attempts drawn from n (c passing) pass; the reliability a user feels."""
    _check(n, c, k)
    return math.comb(c, k) / math.comb(n, k)


def _check(n: int, c: int, k: int) -> None:
    if not (0 <= c <= n and 1 <= k <= n):
        raise ValueError(f"need 0 <= c <= n and 1 <= k <= n (n={n}, c={c}, k={k})")


@dataclass(frozen=True)
class PairedComparison:
    """Current minus baseline, paired by case."""

    cases: int
    mean_delta: float
    ci_low: float
    ci_high: float
    verdict: Verdict


def paired_bootstrap(deltas: Sequence[float], *, resamples: int = 5000, seed: int = 0,
                     confidence: float = 0.95) -> PairedComparison:
    """Percentile bootstrap CI of the mean per-case delta, resampling cases (seeded, so reports reproduce).

    The verdict is `better`/`worse` only when the interval excludes zero.
    """
    n = len(deltas)
    if n == 0:
        return PairedComparison(0, 0.0, 0.0, 0.0, "no detectable difference")
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(deltas, k=n)) / n for _ in range(resamples))
    tail = (1 - confidence) / 2
    low = means[math.floor(tail * (resamples - 1))]
    high = means[math.ceil((1 - tail) * (resamples - 1))]
    mean = sum(deltas) / n
    verdict: Verdict = "better" if low > 0 else "worse" if high < 0 else "no detectable difference"
    return PairedComparison(n, round(mean, 4), round(low, 4), round(high, 4), verdict)


def stdev(values: Sequence[float]) -> float:
    """Population standard deviation (0 for fewer than two values)."""
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
