"""Graders read what an attempt left in a real git repo: files changed, tests run, bug patches applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.evals import graders
from agent.evals.cases import load_case, load_cases
from agent.evals.graders import (
    AttemptContext,
    advice_given,
    attempt_score,
    bugs_detected,
    claims_hold,
    grade,
    isolation_fixed,
    outcome_agrees,
    scenarios_covered,
    sound_tests,
    source_untouched,
)
from agent.evals.harness import prepare_repo
from agent.outcome import (
    AssertionsCheck,
    CommandRun,
    FileChange,
    FlakeCheck,
    Implementation,
    Plan,
    PlannedTest,
    RunReport,
    TestingOutcome,
    TestResult,
    TestSurface,
)
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


def _vouch(ctx, statuses: dict[str, str]) -> None:
    """The runtime's run as it would be recorded: these test ids with these statuses."""
    tests = [TestResult(id=f"tests/test_pricing.py::{name}", status=status) for name, status in statuses.items()]
    ctx.outcome.run.commands = [CommandRun(command="pytest", exit_code=0, duration_s=1.0, tests=tests)]


def test_a_bug_is_caught_only_by_a_test_the_runtimes_run_vouched_for(attempt):
    ctx = attempt(GOLDEN)
    _vouch(ctx, {"test_line_total_multiplies_quantity_by_price_success": "passed",
                 "test_line_total_rejects_zero_quantity_invalid_input": "passed"})
    result = bugs_detected(ctx)
    assert result.passed, result.detail
    assert "zero-allowed by tests/test_pricing.py::test_line_total_rejects_zero_quantity_invalid_input" in result.detail

    ctx = attempt(GOLDEN)  # the only test that catches it was skipped in the verified run: it proves nothing
    _vouch(ctx, {"test_line_total_multiplies_quantity_by_price_success": "passed",
                 "test_line_total_rejects_zero_quantity_invalid_input": "skipped"})
    result = bugs_detected(ctx)
    assert result.score == 0.0 and "missed: zero-allowed" in result.detail


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


def test_scenario_labels_without_a_caught_bug_cover_nothing(attempt):
    ctx = attempt(LAZY, {"test_line_total": "invalid_input", "test_line_total_invalid_input": "invalid_input"})
    result = scenarios_covered(ctx)
    assert result.score == 0.0 and "missing: invalid_input" in result.detail


def test_a_scenario_is_covered_by_catching_its_bug_whatever_the_tests_are_called(attempt):
    renamed = GOLDEN.replace("test_line_total_rejects_zero_quantity_invalid_input", "test_b").replace(
        "test_line_total_multiplies_quantity_by_price_success", "test_a")
    ctx = attempt(renamed, {"test_a": "success", "test_b": "success"})
    assert scenarios_covered(ctx).score == 1.0


PINNING = '''\
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PINNED = {"shop/pricing.py": "%s"}


def test_success():
    assert {r: hashlib.sha256((ROOT / r).read_bytes()).hexdigest() for r in PINNED} == PINNED


def test_invalid_input():
    assert {r: hashlib.sha256((ROOT / r).read_bytes()).hexdigest() for r in PINNED} == PINNED
'''


def test_a_change_detector_catches_every_bug_and_still_scores_zero_on_detection(attempt):
    import hashlib

    ctx = attempt(None)
    digest = hashlib.sha256((ctx.repo / "shop/pricing.py").read_bytes()).hexdigest()
    ctx = attempt(PINNING % digest, {"test_success": "success", "test_invalid_input": "invalid_input"})
    grades = {g.name: g for g in grade(ctx)}
    assert grades["tests_pass"].passed and grades["sound_tests"].passed
    assert grades["bugs_detected"].score == 0.0 and "named-total" in grades["bugs_detected"].detail
    assert grades["scenarios_covered"].score == 0.0
    assert attempt_score(list(grades.values()))[0] == 0.0


def test_the_golden_suite_passes_every_equivalent_patch(attempt):
    ctx = attempt(GOLDEN)
    assert ctx.case.equivalents and ctx.detection().equivalents_failed == []
    assert ctx.detection().caught == ["zero-allowed"]


def test_a_missing_outcome_fails_the_outcome_gate(attempt):
    ctx = attempt(GOLDEN)
    ctx.outcome = None
    ctx.outcome_error = "ModelError: 401"
    result = outcome_agrees(ctx)
    assert not result.passed and "401" in result.detail


def test_soundness_is_the_graders_own_scan_not_the_runs_checks(attempt):
    no_assert = "from shop.pricing import line_total\n\n\ndef test_runs():\n    line_total(1, 1.0)\n"
    ctx = attempt(no_assert)
    ctx.outcome.run.checks.assertions = AssertionsCheck(summary="0", findings=[])  # the run says all is well
    assert not sound_tests(ctx).passed
    ctx = attempt(GOLDEN)
    ctx.outcome.run.checks.assertions = AssertionsCheck(summary="1", findings=["made up"])
    ctx.outcome.run.checks.flake = FlakeCheck(summary="1", runs=2, flaky={"tests/test_pricing.py::test_x": ["x"]})
    assert sound_tests(ctx).passed


def test_each_discrepancy_between_claims_and_the_run_costs_a_quarter_of_the_score(attempt):
    ctx = attempt(GOLDEN, {"test_line_total_multiplies_quantity_by_price_success": "success"})
    assert claims_hold(ctx).score == 1.0
    ctx.outcome.run.discrepancies += ["the outcome lists test test_ghost, but the runtime's run did not report it",
                                      "the outcome lists tests/test_x.py as created, but the run did not write it"]
    grades = grade(ctx)
    penalty = next(g for g in grades if g.name == "claims_hold")
    assert penalty.score == 0.5 and not penalty.passed and "test_ghost" in penalty.detail
    assert attempt_score(grades) == (0.5, False)


def test_a_flaky_suite_fails_the_graders_own_reruns(attempt, tmp_path):
    counter = tmp_path / "runs"
    flaky = (f"import pathlib\n\nP = pathlib.Path({str(counter)!r})\n\n\ndef test_sometimes():\n"
             "    n = int(P.read_text()) if P.exists() else 0\n    P.write_text(str(n + 1))\n    assert n % 2 == 0\n")
    result = graders.tests_pass(attempt(flaky))
    if "Read-only" in result.detail or "read-only" in result.detail:
        pytest.skip("the sandbox keeps tmp_path read-only here")
    assert not result.passed and "flaky" in result.detail


def _diagnosis_attempt(tmp_path: Path, conftest: str) -> AttemptContext:
    case = load_cases(pattern="flaky-shared-state")[0]
    repo = tmp_path / "diag"
    base = prepare_repo(case, repo, None)
    (repo / "tests" / "conftest.py").write_text(conftest)
    return AttemptContext(case=case, repo=repo, base_commit=base, outcome=None, sandbox=ProcessSandbox(), timeout_s=60)


def test_an_isolation_fix_that_only_holds_in_the_default_order_fails_random_orders(tmp_path):
    # Resets once, when test_register's module starts: enough for the default (alphabetical) order only.
    partial = ("import pytest\n\nfrom accounts import registry\n\n\n@pytest.fixture(autouse=True, scope='module')\n"
               "def reset_before_register(request):\n    if request.module.__name__.endswith('test_register'):\n"
               "        registry.reset()\n")
    ctx = _diagnosis_attempt(tmp_path, partial)
    assert ctx.kept_run().exit_code == 0, "the partial fix passes in the default order"
    result = isolation_fixed(ctx)
    assert not result.passed and "orders fail" in result.detail


def test_a_real_isolation_fix_passes_every_random_order(tmp_path):
    case = load_cases(pattern="flaky-shared-state")[0]
    ctx = _diagnosis_attempt(tmp_path, (case.golden / "tests" / "conftest.py").read_text())
    result = isolation_fixed(ctx)
    assert result.passed, result.detail


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


def _advice(tmp_path: Path, rationale: str, recommended: list[tuple[str, str]]) -> AttemptContext:
    case = load_cases(pattern="which-layer-advice")[0]
    repo = tmp_path / "advice"
    base = prepare_repo(case, repo, None)
    answer = TestingOutcome(
        test_surface=TestSurface(summary="which layer", targets=case.targets),
        plan=Plan(layers=["advice"], rationale=rationale,
                  tests=[PlannedTest(name=seam, layer=layer, scenario="boundary")  # type: ignore[arg-type]
                         for layer, seam in recommended]),
        implementation=Implementation(files=[]), run=RunReport())
    return AttemptContext(case=case, repo=repo, base_commit=base, outcome=answer, sandbox=ProcessSandbox())


def test_advice_is_graded_by_the_structured_recommendation_not_by_its_words(tmp_path):
    seam = "loyalty_discount_percent"
    right = advice_given(_advice(tmp_path / "a", "Parametrized tests at the seam.", [("unit", seam)]))
    assert right.passed and right.score == 1.0
    wrong_layer = advice_given(_advice(tmp_path / "b", "unit unit pure boundary threshold",
                                       [("integration", seam), ("unit", seam)]))
    assert not wrong_layer.passed and "recommends integration" in wrong_layer.detail
    wrong_seam = advice_given(_advice(tmp_path / "c", "unit", [("unit", "create_app")]))
    assert not wrong_seam.passed and wrong_seam.score == pytest.approx(2 / 3)


def test_a_forbidden_claim_zeroes_otherwise_right_advice(tmp_path):
    stuffed = "Unit tests; also reset the global state in an autouse fixture and mock the database."
    result = advice_given(_advice(tmp_path, stuffed, [("unit", "loyalty_discount_percent")]))
    assert result.score == 0.0 and "false of this code" in result.detail


GO_TESTS = '''package calc

import "testing"

func TestRuns(t *testing.T) {
	_ = Add(1, 2)
}

func TestChecksThroughAHelper(t *testing.T) {
	expect(t, Add(1, 2), 3)
}

func TestChecksInline(t *testing.T) {
	if Add(2, 2) != 4 {
		t.Errorf("Add(2, 2) = %d", Add(2, 2))
	}
}

func expect(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("got %d, want %d", got, want)
	}
}
'''


def test_a_go_test_that_can_never_fail_is_flagged_and_helpers_that_fail_count(attempt):
    ctx = attempt(None)
    (ctx.repo / "calc").mkdir()
    (ctx.repo / "calc/calc_test.go").write_text(GO_TESTS)
    result = sound_tests(ctx)
    assert not result.passed
    assert "TestRuns never fails" in result.detail
    assert "TestChecks" not in result.detail
    (ctx.repo / "calc/calc_test.go").write_text(GO_TESTS.replace("\t_ = Add(1, 2)\n", "\texpect(t, Add(1, 2), 3)\n"))
    assert sound_tests(ctx).passed
