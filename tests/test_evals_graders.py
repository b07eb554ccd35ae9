"""Graders read what an attempt left in a real git repo: files changed, tests run, bug patches applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.evals import graders
from agent.evals.cases import load_case
from agent.evals.graders import (
    AttemptContext,
    attempt_score,
    bugs_detected,
    grade,
    outcome_agrees,
    scenario_of,
    scenarios_covered,
    sound_tests,
    source_untouched,
)
from agent.evals.harness import prepare_repo
from agent.outcome import FileChange, Implementation, Plan, PlannedTest, RunReport, TestingOutcome, TestSurface
from agent.sandbox import ProcessSandbox
from evals_fixtures import GOLDEN, LAZY, make_case


def outcome(files: list[str], tests: dict[str, str]) -> TestingOutcome:
    return TestingOutcome(
        test_surface=TestSurface(summary="line_total", targets=["shop/pricing.py"]),
        plan=Plan(layers=["unit"], tests=[PlannedTest(name=n, layer="unit", scenario=s)  # type: ignore[arg-type]
                                          for n, s in tests.items()]),
        implementation=Implementation(files=[FileChange(path=p, action="created") for p in files]),
        run=RunReport(),
    )


@pytest.fixture
def attempt(tmp_path: Path):
    case = load_case(make_case(tmp_path / "cases"))
    repo = tmp_path / "attempt"
    base = prepare_repo(case, repo, None)

    def make(test_source: str | None, planned: dict[str, str] | None = None) -> AttemptContext:
        files = []
        if test_source is not None:
            (repo / "tests").mkdir(exist_ok=True)
            (repo / "tests/test_pricing.py").write_text(test_source)
            files = ["tests/test_pricing.py"]
        return AttemptContext(case=case, repo=repo, base_commit=base, outcome=outcome(files, planned or {}),
                              sandbox=ProcessSandbox(), timeout_s=60)

    return make


def test_golden_suite_catches_the_seeded_bug_and_scores_one(attempt):
    ctx = attempt(GOLDEN, {"test_line_total_multiplies_quantity_by_price_success": "success",
                           "test_line_total_rejects_zero_quantity_invalid_input": "invalid_input"})
    grades = {g.name: g for g in grade(ctx)}
    assert grades["bugs_detected"].passed and grades["bugs_detected"].detail == "1/1 caught"
    assert grades["tests_pass"].passed
    assert grades["scenarios_covered"].score == 1.0
    assert attempt_score(list(grades.values())) == (1.0, True)


def test_weak_suite_misses_the_bug(attempt):
    result = bugs_detected(attempt(LAZY, {"test_line_total": "success"}))
    assert result.score == 0.0
    assert "missed: zero-allowed" in result.detail


def test_failing_tests_fail_the_gate_and_zero_the_score(attempt):
    ctx = attempt("from shop.pricing import line_total\n\n\ndef test_wrong():\n    assert line_total(1, 1.0) == 2\n")
    result = graders.tests_pass(ctx)
    assert result.gate and not result.passed
    assert attempt_score(grade(ctx))[0] == 0.0


def test_assertion_free_test_is_flagged(attempt):
    result = sound_tests(attempt("from shop.pricing import line_total\n\n\ndef test_runs():\n    line_total(1, 1.0)\n"))
    assert not result.passed
    assert "no assertion" in result.detail


def test_source_edit_is_caught_unless_allowed(attempt):
    ctx = attempt(GOLDEN)
    (ctx.repo / "shop/pricing.py").write_text("def line_total(q, p):\n    return q * p\n")
    assert not source_untouched(ctx).passed
    allowed = AttemptContext(case=ctx.case.model_copy(update={"allow_source_edits": True}), repo=ctx.repo,
                             base_commit=ctx.base_commit, outcome=ctx.outcome, sandbox=ctx.sandbox)
    assert source_untouched(allowed).passed


def test_outcome_listing_a_file_that_was_not_written_disagrees(attempt):
    ctx = attempt(GOLDEN)
    assert outcome_agrees(ctx).passed
    ctx.outcome.implementation.files.append(FileChange(path="tests/test_ghost.py", action="created"))
    result = outcome_agrees(ctx)
    assert not result.passed and "tests/test_ghost.py" in result.detail


def test_files_under_ignored_folders_do_not_count_as_changes(attempt):
    ctx = attempt(GOLDEN)
    (ctx.repo / ".assay" / "runs").mkdir(parents=True)
    (ctx.repo / ".assay" / "runs" / "x.json").write_text("{}")
    assert ctx.changed == ["tests/test_pricing.py"]


def test_planned_scenario_counts_only_when_its_test_exists(attempt):
    ctx = attempt(LAZY, {"test_line_total": "success", "test_rejects_zero_quantity": "invalid_input"})
    result = scenarios_covered(ctx)
    assert result.score == 0.5 and "invalid_input" in result.detail


def test_a_missing_outcome_fails_the_outcome_gate(attempt):
    ctx = attempt(GOLDEN)
    ctx.outcome = None
    ctx.outcome_error = "ModelError: 401"
    result = outcome_agrees(ctx)
    assert not result.passed and "401" in result.detail


def test_scenario_names_are_read_from_test_names():
    assert scenario_of("test_get_order_of_another_customer_is_forbidden") == "forbidden"
    assert scenario_of("unauthorized: an expired refresh token is refused") == "unauthorized"
    assert scenario_of("test_create_order_decrements_stock_side_effect") == "side_effect"
    assert scenario_of("test_place_order") == "success"


def test_throwaway_copies_leave_the_attempt_repo_untouched(attempt):
    ctx = attempt(GOLDEN)
    before = (ctx.repo / "shop/pricing.py").read_text()
    bugs_detected(ctx)
    assert (ctx.repo / "shop/pricing.py").read_text() == before
    shutil.rmtree(ctx.repo / "tests")
    assert ctx.repo.exists()


def test_keywords_in_file_paths_are_not_a_diagnosis():
    from agent.evals.graders import _keyword_hits

    assert _keyword_hits("discovery failed in /tmp/a/flaky-shared-state/repo/x.py", ["shared", "state"]) == []
    assert _keyword_hits("Shared module state leaks between tests", ["shared", "state", "reset"]) == ["shared",
                                                                                                     "state"]
