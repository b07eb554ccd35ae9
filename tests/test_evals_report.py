"""The summary: per-case rates, dev and holdout apart, paired comparison, flags, the gate."""

from __future__ import annotations

from typing import Any

from agent.evals.report import render_html, render_markdown, summarize


def line(case: str, repeat: int, score: float, passed: bool, grades: dict[str, bool] | None = None,
         split: str = "dev") -> dict[str, Any]:
    return {"key": f"{case}@1#{repeat}", "case": case, "case_version": 1, "split": split, "kind": "files",
            "repeat": repeat, "score": score, "passed": passed,
            "grades": [{"name": n, "passed": p, "score": float(p), "counted": True}
                       for n, p in (grades or {"bugs_detected": passed, "tests_pass": True}).items()],
            "metrics": {"turns": 2, "input_tokens": 10, "output_tokens": 5, "cached_tokens": 0, "cost_usd": 0.01,
                        "wall_s": 1.5}}


HOLDOUT = [f"h{i}" for i in range(8)]


def test_repeats_that_disagree_and_graders_that_never_discriminate_are_flagged():
    summary = summarize([line("a", 1, 1.0, True), line("a", 2, 0.0, False), line("b", 1, 1.0, True)])
    assert any("case a: repeats disagree" in f for f in summary["flags"])
    assert any("grader tests_pass never discriminates" in f for f in summary["flags"])
    assert not any("bugs_detected" in f for f in summary["flags"])
    case_a = summary["cases"][0]
    assert case_a["pass_at_k"] == 1.0 and case_a["pass_hat_k"] == 0.0 and case_a["pass_at_1"] == 0.5


def test_repeats_are_clusters_so_a_case_run_more_often_does_not_weigh_more():
    lines = [line("a", r, 1.0, True) for r in (1, 2, 3)] + [line("b", 1, 0.0, False)]
    assert summarize(lines)["mean_score"] == 0.5


def test_dev_and_holdout_are_reported_separately():
    lines = [line("d", 1, 1.0, True)] + [line(h, 1, 0.25, False, split="holdout") for h in HOLDOUT]
    splits = summarize(lines)["splits"]
    assert splits["dev"]["mean_score"] == 1.0 and splits["dev"]["cases"] == 1
    assert splits["holdout"]["mean_score"] == 0.25 and splits["holdout"]["cases"] == 8
    assert "| holdout | 8 | 0.250 |" in render_markdown(summarize(lines))


def test_a_drop_on_holdout_fails_the_gate_and_a_drop_on_dev_alone_does_not():
    baseline = [line(h, 1, 0.9, True, split="holdout") for h in HOLDOUT] + [line(f"d{i}", 1, 0.9, True)
                                                                              for i in range(8)]
    worse_holdout = [line(h, 1, 0.2, False, split="holdout") for h in HOLDOUT] + [line(f"d{i}", 1, 0.9, True)
                                                                                  for i in range(8)]
    summary = summarize(worse_holdout, baseline=baseline)
    assert summary["comparison"]["holdout"]["verdict"] == "worse"
    assert not summary["gate"]["ok"] and "not shown non-inferior" in summary["gate"]["reasons"][0]
    worse_dev = [line(h, 1, 0.9, True, split="holdout") for h in HOLDOUT] + [line(f"d{i}", 1, 0.2, False)
                                                                             for i in range(8)]
    summary = summarize(worse_dev, baseline=baseline)
    assert summary["comparison"]["dev"]["verdict"] == "worse"
    assert summary["comparison"]["holdout"]["non_inferior"] and summary["gate"]["ok"]


def test_paired_comparison_only_pairs_matching_case_versions_and_repeats():
    current = [line(c, r, 0.2, False, split="holdout") for c in [*HOLDOUT, "x"] for r in (1, 2)]
    baseline = [line(c, r, 0.9, True, split="holdout") for c in HOLDOUT for r in (1, 2)]
    comparison = summarize(current, baseline=baseline)["comparison"]["holdout"]
    assert comparison["cases"] == 8 and comparison["unpaired_cases"] == ["x"]
    assert all(p["pairs"] == 2 for p in comparison["per_case"])


def test_too_few_holdout_cases_is_not_enough_to_pass_the_gate():
    current = [line(c, 1, 1.0, True, split="holdout") for c in "abc"]
    summary = summarize(current, baseline=[line(c, 1, 0.0, False, split="holdout") for c in "abc"])
    assert summary["comparison"]["holdout"]["verdict"] == "not enough cases"
    assert not summary["gate"]["ok"] and summary["gate"]["reasons"][0].startswith("not enough cases: 3")


def test_markdown_and_html_show_every_case_and_the_verdict():
    summary = summarize([line("a", 1, 1.0, True)], baseline=[line("a", 1, 0.5, True)])
    markdown = render_markdown(summary)
    assert "| a | dev | 1.000 | 1/1 |" in markdown and "Against the baseline" in markdown
    assert "### dev: **not enough cases**" in markdown
    page = render_html(summary)
    assert page.startswith("<!doctype html>") and "<svg" in page and "baseline 0.50" in page


def test_each_paired_case_gets_an_interval_over_its_repeats_in_the_summary_and_the_chart():
    current = [line("a", r, s, s == 1.0, split="holdout") for r, s in ((1, 1.0), (2, 0.5), (3, 0.75))]
    current += [line("b", 1, 1.0, True, split="holdout")]
    baseline = [line(c, r, 0.5, False, split="holdout") for c, n in (("a", 3), ("b", 1)) for r in range(1, n + 1)]
    per_case = summarize(current, baseline=baseline)["comparison"]["holdout"]["per_case"]
    assert per_case[0]["ci"] == [-0.371, 0.871] and per_case[1]["ci"] is None  # one pair: no interval
    page = render_html(summarize(current, baseline=baseline))
    assert page.count('class="case-ci"') == 1 and "[-0.371, +0.871]" in page
