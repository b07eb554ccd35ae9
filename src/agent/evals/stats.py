"""The statistics a skill comparison needs: Wilson intervals, pass@k / pass^k, and paired tests over cases
(an exact sign-flip test, a Student-t interval, non-inferiority with a margin)."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Verdict = Literal["better", "worse", "no detectable difference", "not enough cases"]


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


MIN_CASES = 6
"""Fewer paired cases than this get no verdict: with 5 cases the smallest two-sided sign-flip p-value is 1/16."""
MARGIN = 0.05
"""Default non-inferiority margin: a change may cost at most this much mean score per case."""
_EXACT_UP_TO = 16
"""Sign-flip tests enumerate all 2^n sign patterns up to this many cases, and sample them beyond."""


@dataclass(frozen=True)
class PairedComparison:
    """Current minus baseline, paired by case; each case's delta is the difference of its mean scores over
    repeats (repeats are clusters, not independent trials)."""

    cases: int
    mean_delta: float
    ci_low: float
    """Student-t interval over cases (n - 1 degrees of freedom); 0 when there are fewer than two cases."""
    ci_high: float
    p_value: float
    """Two-sided exact paired sign-flip (permutation) test of no difference."""
    verdict: Verdict
    margin: float
    p_noninferior: float
    """One-sided sign-flip test of `mean delta <= -margin`; small means the change is shown not to be worse."""
    non_inferior: bool
    """True only with enough cases and p_noninferior <= alpha."""


def sign_flip_p(values: Sequence[float], *, alternative: Literal["two-sided", "greater"] = "two-sided",
                samples: int = 20000, seed: int = 0) -> float:
    """p-value of the paired sign-flip test: under the null each value is as likely negated, so the observed mean
    is compared with the means of every sign pattern (all 2^n when n <= 16, else `samples` seeded draws)."""
    n = len(values)
    if n == 0:
        return 1.0
    observed = sum(values)
    tolerance = 1e-9 * max(1.0, sum(abs(v) for v in values))

    def extreme(total: float) -> bool:
        if alternative == "greater":
            return total >= observed - tolerance
        return abs(total) >= abs(observed) - tolerance

    if n <= _EXACT_UP_TO:
        # Gray-code order: each pattern differs from the previous one by one sign, so its sum is one step away.
        signs, total, hits = [1] * n, observed, int(extreme(observed))
        for step in range(1, 1 << n):
            i = (step & -step).bit_length() - 1
            total -= 2 * signs[i] * values[i]
            signs[i] = -signs[i]
            hits += extreme(total)
        return hits / (1 << n)
    rng = random.Random(seed)
    hits = sum(extreme(sum(v if rng.random() < 0.5 else -v for v in values)) for _ in range(samples))
    return (hits + 1) / (samples + 1)


def t_interval(values: Sequence[float], confidence: float = 0.95) -> tuple[float, float]:
    """Student-t confidence interval of the mean with n - 1 degrees of freedom ((0, 0) below two values)."""
    n = len(values)
    if n < 2:
        return (0.0, 0.0)
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    half = t_quantile(1 - (1 - confidence) / 2, n - 1) * sd / math.sqrt(n)
    return (mean - half, mean + half)


def t_cdf(t: float, df: int) -> float:
    """CDF of Student's t distribution, through the regularized incomplete beta function."""
    x = df / (df + t * t)
    tail = 0.5 * _betainc(df / 2, 0.5, x)
    return 1 - tail if t > 0 else tail


def t_quantile(p: float, df: int) -> float:
    """Inverse of `t_cdf` by bisection (monotone; 200 halvings are far below float precision)."""
    if not 0 < p < 1:
        raise ValueError(f"p must be inside (0, 1), got {p}")
    low, high = -1e6, 1e6
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if t_cdf(mid, df) < p else (low, mid)
    return (low + high) / 2


def _betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta I_x(a, b) by its continued fraction (modified Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1 - x)
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 400):
        for numerator in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                          -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return front * result / a


def paired_test(deltas: Sequence[float], *, margin: float = MARGIN, alpha: float = 0.05,
                min_cases: int = MIN_CASES) -> PairedComparison:
    """Compare per-case deltas: `better`/`worse` when the two-sided sign-flip p-value is at most `alpha`;
    `not enough cases` below `min_cases`, whatever the data say. Non-inferiority: the one-sided sign-flip test
    of the deltas shifted by `margin` rejects "worse by the margin or more"."""
    n = len(deltas)
    mean = sum(deltas) / n if n else 0.0
    low, high = t_interval(deltas, 1 - alpha)
    p = sign_flip_p(deltas)
    p_ni = sign_flip_p([d + margin for d in deltas], alternative="greater")
    verdict: Verdict
    if n < min_cases:
        verdict = "not enough cases"
    elif p <= alpha:
        verdict = "better" if mean > 0 else "worse"
    else:
        verdict = "no detectable difference"
    return PairedComparison(n, round(mean, 4), round(low, 4), round(high, 4), round(p, 4), verdict, margin,
                            round(p_ni, 4), n >= min_cases and p_ni <= alpha)


def stdev(values: Sequence[float]) -> float:
    """Population standard deviation (0 for fewer than two values)."""
    if len(values) < 2:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
