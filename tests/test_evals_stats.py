"""Statistics of the eval report: Wilson intervals, pass@k / pass^k, paired bootstrap."""

from __future__ import annotations

import pytest

from agent.evals.stats import paired_bootstrap, pass_at_k, pass_hat_k, stdev, wilson


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


def test_bootstrap_says_better_only_when_the_interval_excludes_zero():
    assert paired_bootstrap([0.5, 0.4, 0.6, 0.5]).verdict == "better"
    assert paired_bootstrap([-0.5, -0.4, -0.6]).verdict == "worse"
    mixed = paired_bootstrap([0.5, -0.5, 0.1, -0.1])
    assert mixed.verdict == "no detectable difference"
    assert mixed.ci_low < 0 < mixed.ci_high


def test_bootstrap_is_reproducible_with_its_seed():
    deltas = [0.1, -0.2, 0.3, 0.05, 0.0]
    assert paired_bootstrap(deltas, seed=7) == paired_bootstrap(deltas, seed=7)


def test_stdev_of_identical_scores_is_zero():
    assert stdev([0.5, 0.5, 0.5]) == 0.0
    assert stdev([0.0, 1.0]) == pytest.approx(0.5)
