"""The summary: per-case rates, paired comparison, flags for weak graders and unstable cases, the gate."""

from __future__ import annotations

from typing import Any

from agent.evals.report import render_html, render_markdown, summarize


def line(case: str, repeat: int, score: float, passed: bool, grades: dict[str, bool] | None = None) -> dict[str, Any]:
    return {"key": f"{case}@1#{repeat}", "case": case, "case_version": 1, "split": "dev", "kind": "files",
            "repeat": repeat, "score": score, "passed": passed,
            "grades": [{"name": n, "passed": p, "score": float(p), "counted": True}
                       for n, p in (grades or {"bugs_detected": passed, "tests_pass": True}).items()],
            "metrics": {"turns": 2, "input_tokens": 10, "output_tokens": 5, "cached_tokens": 0, "cost_usd": 0.01,
                        "wall_s": 1.5}}


def test_repeats_that_disagree_and_graders_that_never_discriminate_are_flagged():
    summary = summarize([line("a", 1, 1.0, True), line("a", 2, 0.0, False), line("b", 1, 1.0, True)])
    assert any("case a: repeats disagree" in f for f in summary["flags"])
    assert any("grader tests_pass never discriminates" in f for f in summary["flags"])
    assert not any("bugs_detected" in f for f in summary["flags"])
    case_a = summary["cases"][0]
    assert case_a["pass_at_k"] == 1.0 and case_a["pass_hat_k"] == 0.0 and case_a["pass_at_1"] == 0.5


def test_paired_comparison_only_pairs_matching_case_versions_and_repeats():
    current = [line(c, r, 0.2, False) for c in "abcd" for r in (1, 2)]
    baseline = [line(c, r, 0.9, True) for c in "abc" for r in (1, 2)]
    summary = summarize(current, baseline=baseline)
    comparison = summary["comparison"]
    assert comparison["cases"] == 3 and comparison["unpaired_cases"] == ["d"]
    assert comparison["verdict"] == "worse"
    assert not summary["gate"]["ok"] and "worse than the baseline" in summary["gate"]["reasons"][0]


def test_no_detectable_difference_does_not_fail_the_gate():
    current = [line("a", 1, 1.0, True), line("b", 1, 0.0, False)]
    baseline = [line("a", 1, 0.0, False), line("b", 1, 1.0, True)]
    summary = summarize(current, baseline=baseline, min_score=0.5)
    assert summary["comparison"]["verdict"] == "no detectable difference"
    assert summary["gate"]["ok"]


def test_markdown_and_html_show_every_case_and_the_verdict():
    summary = summarize([line("a", 1, 1.0, True)], baseline=[line("a", 1, 0.5, True)])
    markdown = render_markdown(summary)
    assert "| a | dev | 1.000 | 1/1 |" in markdown and "Against the baseline" in markdown
    page = render_html(summary)
    assert page.startswith("<!doctype html>") and "<svg" in page and "baseline 0.50" in page
