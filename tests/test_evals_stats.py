"""Statistics of the eval report: Wilson intervals, pass@k / pass^k, and the paired tests over cases — including
simulations showing that false verdicts happen at or below the nominal rate."""

from __future__ import annotations

import math
import random

import pytest

from agent.evals.stats import (
    MIN_CASES,
    paired_test,
    pass_at_k,
    pass_hat_k,
    sign_flip_p,
    stdev,
    t_interval,
    t_quantile,
    wilson,
)


def test_wilson_interval_stays_inside_zero_and_one_at_the_extremes():
    assert wilson(0, 5)[0] == 0.0
    assert wilson(5, 5)[1] == 1.0
    low, high = wilson(5, 5)
    assert 0.5 < low < 1.0 and high == 1.0


def test_wilson_matches_the_textbook_value():
    low, high = wilson(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-3)
    assert high == pytest.approx(0.9433, abs=1e-3)


def test_wilson_rejects_impossible_counts():
    with pytest.raises(ValueError):
        wilson(4, 3)


def test_pass_at_k_and_pass_hat_k_bracket_the_pass_rate():
    assert pass_at_k(3, 1, 1) == pytest.approx(1 / 3)
    assert pass_at_k(3, 1, 3) == 1.0
    assert pass_hat_k(3, 1, 3) == 0.0
    assert pass_hat_k(3, 3, 3) == 1.0
    assert pass_hat_k(4, 3, 2) == pytest.approx(0.5)
    assert pass_at_k(4, 0, 2) == 0.0


def test_pass_at_k_rejects_k_larger_than_n():
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)


def test_t_quantiles_match_the_tables():
    assert t_quantile(0.975, 1) == pytest.approx(12.706, abs=1e-3)
    assert t_quantile(0.975, 4) == pytest.approx(2.776, abs=1e-3)
    assert t_quantile(0.95, 10) == pytest.approx(1.812, abs=1e-3)
    assert t_quantile(0.975, 1000) == pytest.approx(1.962, abs=1e-3)


def test_t_interval_uses_n_minus_one_degrees_of_freedom():
    low, high = t_interval([0.0, 1.0, 2.0, 3.0, 4.0])
    half = 2.776 * math.sqrt(2.5) / math.sqrt(5)
    assert (low, high) == pytest.approx((2 - half, 2 + half), abs=1e-3)


def test_sign_flip_p_is_exact_for_small_samples():
    assert sign_flip_p([0.1] * 6) == pytest.approx(2 / 64)
    assert sign_flip_p([0.1] * 6, alternative="greater") == pytest.approx(1 / 64)
    assert sign_flip_p([0.0, 0.0, 0.0]) == 1.0
    assert sign_flip_p([0.3, -0.3]) == 1.0


def test_below_six_cases_there_is_no_verdict_however_large_the_difference():
    for n in range(1, MIN_CASES):
        result = paired_test([-0.9] * n)
        assert result.verdict == "not enough cases" and not result.non_inferior
    assert paired_test([-0.9] * MIN_CASES).verdict == "worse"


def test_one_case_has_no_zero_width_interval_verdict():
    result = paired_test([-0.5])
    assert result.verdict == "not enough cases"


def test_identical_runs_are_non_inferior_and_a_real_drop_is_not():
    assert paired_test([0.0] * 8).non_inferior
    assert paired_test([0.0] * 8).verdict == "no detectable difference"
    assert not paired_test([-0.2, -0.1, -0.3, -0.2, -0.1, -0.2, -0.3, -0.1]).non_inferior


def _case_deltas(rng: random.Random, n: int, shift: float, repeats: int = 3) -> list[float]:
    """Per-case deltas as an eval produces them: each case has its own difficulty, each attempt succeeds or not,
    scores are averaged over repeats (clusters), and the current run is `shift` better per attempt."""
    deltas = []
    for _ in range(n):
        p = rng.uniform(0.1, 0.9)
        cur = sum(rng.random() < min(1.0, max(0.0, p + shift)) for _ in range(repeats)) / repeats
        base = sum(rng.random() < p for _ in range(repeats)) / repeats
        deltas.append(cur - base)
    return deltas


SIMULATIONS = 1000
TOLERANCE = 3 * math.sqrt(0.05 * 0.95 / SIMULATIONS)
"""Monte Carlo error allowance on a 5% rate: three standard errors."""


@pytest.mark.parametrize("n", [6, 8, 10])
def test_with_no_real_difference_a_verdict_is_declared_at_most_five_percent_of_the_time(n):
    rng = random.Random(n)
    false = sum(paired_test(_case_deltas(rng, n, 0.0)).verdict in ("better", "worse") for _ in range(SIMULATIONS))
    assert false / SIMULATIONS <= 0.05 + TOLERANCE


@pytest.mark.parametrize("n", [6, 8, 10])
def test_a_change_worse_by_the_margin_is_called_non_inferior_at_most_five_percent_of_the_time(n):
    rng = random.Random(100 + n)
    # Symmetric noise around exactly -margin: the boundary of the null, where a false claim is most likely.
    false = sum(paired_test([-0.05 + rng.gauss(0, 0.15) for _ in range(n)]).non_inferior
                for _ in range(SIMULATIONS))
    assert false / SIMULATIONS <= 0.05 + TOLERANCE


def test_a_real_drop_is_found_most_of_the_time_with_enough_cases():
    rng = random.Random(7)
    found = sum(paired_test(_case_deltas(rng, 12, -0.35)).verdict == "worse" for _ in range(200))
    assert found / 200 >= 0.6  # measured 0.74: the tests above are not passing by never saying anything


def test_stdev_of_identical_scores_is_zero():
    assert stdev([0.5, 0.5, 0.5]) == 0.0
    assert stdev([0.0, 1.0]) == pytest.approx(0.5)
