"""build_report end to end on fixture repos: what `run` holds, and what makes a run unverified."""

from __future__ import annotations

import time
from pathlib import Path

from agent import verify
from agent.outcome import ModelSubmission
from agent.proof.coverage import coverage_delta
from agent.sandbox import ProcessSandbox

from conftest import make_repo
from scripts import good_submission

PRICING = '''\
def line_total(quantity, unit_price):
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return round(quantity * unit_price, 2)
'''

MIXED = '''\
import pytest

from shop.pricing import line_total


class TestLineTotal:
    @pytest.mark.parametrize("quantity", [1, 3])
    def test_multiplies(self, quantity):
        assert line_total(quantity, 2.0) == quantity * 2.0

    def test_refuses_zero(self):
        with pytest.raises(ValueError):
            line_total(0, 1.0)


@pytest.mark.xfail(strict=True, reason="negative prices are a known bug")
def test_negative_price_is_refused():
    with pytest.raises(ValueError):
        line_total(1, -1.0)
'''

ORDER_DEPENDENT = '''\
from shop.pricing import line_total

CART = []


def test_adds_a_line():
    CART.append(line_total(1, 2.0))
    assert CART == [2.0]


def test_cart_has_one_line():
    assert len(CART) == 1
'''


def _ctx(tmp_path: Path, suite: str, **options: object) -> verify.VerifyContext:
    repo = make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING,
    })
    (repo / "tests").mkdir()
    (repo / "tests" / "test_pricing.py").write_text(suite)
    return verify.VerifyContext(repo=repo, submission=ModelSubmission.model_validate(good_submission()),
                                sandbox=ProcessSandbox(), request=f"verify {tmp_path.name}",
                                written_files=["tests/test_pricing.py"], options=dict(options))


def test_report_holds_per_test_results_every_check_and_gaps(tmp_path: Path) -> None:
    verification = verify.build_report(_ctx(tmp_path, MIXED))
    report = verification.report

    statuses = {t.id: t.status for t in report.commands[0].tests}
    assert statuses == {
        "tests/test_pricing.py::TestLineTotal::test_multiplies[1]": "passed",
        "tests/test_pricing.py::TestLineTotal::test_multiplies[3]": "passed",
        "tests/test_pricing.py::TestLineTotal::test_refuses_zero": "passed",
        "tests/test_pricing.py::test_negative_price_is_refused": "xfailed",
    }
    assert report.checks.names() >= {"flake", "assertions", "mutation"}
    assert all(check.summary for _, check in report.checks.ran())
    assert report.checks.flake.runs == 5 and report.checks.flake.flaky == {}, "an xfail is not a flake"
    assert report.checks.mutation.score is not None
    assert report.verified is True


def test_an_order_dependent_test_is_flaky_and_unverifies_the_run(tmp_path: Path) -> None:
    verification = verify.build_report(_ctx(tmp_path, ORDER_DEPENDENT, flake_reruns=3, mutants=False))
    report = verification.report

    flaky = report.checks.flake.flaky
    assert list(flaky) == ["tests/test_pricing.py::test_cart_has_one_line"]
    evidence = flaky["tests/test_pricing.py::test_cart_has_one_line"]
    assert evidence[0] == "run 1 (first): passed"
    assert any(line.startswith("run 2 (reversed): failed") for line in evidence)
    assert report.verified is False
    assert any(g.item == "flaky: tests/test_pricing.py::test_cart_has_one_line" for g in verification.gaps)
    assert report.checks.mutation is None


def test_a_failing_new_test_unverifies_the_run(tmp_path: Path) -> None:
    failing = MIXED.replace("== quantity * 2.0", "== quantity * 3.0")
    report = verify.build_report(_ctx(tmp_path, failing, flake_reruns=1)).report
    assert report.commands[0].failed == 2
    assert report.verified is False


BRANCHY = '''\
def classify(quantity):
    if quantity < 0:
        return "negative"
    if quantity == 0:
        return "zero"
    return "positive"
'''


NEW_KINDS = """\
from shop.kinds import classify


def test_positive():
    assert classify(3) == "positive"


def test_zero():
    assert classify(0) == "zero"
"""


def _branchy(tmp_path: Path, existing: str | None, **options: object) -> verify.VerifyContext:
    ctx = _ctx(tmp_path, NEW_KINDS, **options)
    (ctx.repo / "shop" / "kinds.py").write_text(BRANCHY)
    if existing:
        (ctx.repo / "tests" / "test_existing.py").write_text(existing)
    ctx.submission.test_surface.targets = ["shop/kinds.py"]
    return ctx


def _leftovers(ctx: verify.VerifyContext) -> list[str]:
    """What verification left in the sandbox's scratch folders (the sandbox's own /etc files aside)."""
    scratch = ctx.sandbox.scratch
    return sorted(p.name for p in [*scratch.outputs.iterdir(), *scratch.inputs.iterdir()]
                  if not p.name.startswith("etc-"))


def _two_runs(ctx: verify.VerifyContext, existing: list[str]) -> dict[str, object]:
    """The delta measured the long way: a `coverage run` for each side."""
    return coverage_delta(ctx.sandbox, ctx.repo, ["shop/kinds.py"], existing, ctx.written_files, 60)


def test_coverage_from_the_traced_run_equals_two_coverage_runs(tmp_path: Path) -> None:
    ctx = _branchy(tmp_path, None)
    report = verify.build_report(ctx).report

    coverage = report.checks.coverage
    assert coverage == _two_runs(ctx, [])
    assert coverage.before == {"lines": 0.0, "branches": 0.0, "tests": 0}
    assert coverage.after["lines"] < 100.0 and coverage.after["missing_lines"] == 1
    assert report.checks.flake.runs == 5
    assert _leftovers(ctx) == [], "no coverage or driver files are left behind"


def test_coverage_after_is_the_union_of_the_existing_suite_and_the_new_tests(tmp_path: Path) -> None:
    existing = "from shop.kinds import classify\n\n\ndef test_negative():\n    assert classify(-1) == 'negative'\n"
    ctx = _branchy(tmp_path, existing, mutants=False)
    report = verify.build_report(ctx).report

    coverage = report.checks.coverage
    # Neither side alone covers every line: 100% after proves the existing suite's data was combined in.
    assert coverage.before["lines"] < 100.0 and coverage.after["lines"] == 100.0
    assert coverage.after["branches"] == 100.0 and coverage.after["tests"] == 2
    assert coverage == _two_runs(ctx, ["tests/test_existing.py"])
    assert _leftovers(ctx) == []


def test_a_new_file_without_tests_cancels_the_early_driver_and_leaves_nothing(tmp_path: Path) -> None:
    started = time.monotonic()
    ctx = _ctx(tmp_path, "from shop.pricing import line_total\n")
    verification = verify.build_report(ctx)
    report, gaps = verification.report, verification.gaps

    assert report.commands[0].tests == [] and report.verified is False
    assert report.checks.names() == set(), "no flake, coverage or mutation check is reported on zero tests"
    assert gaps[0].item == "no test ran" and "pytest exit 5" in gaps[0].reason
    assert time.monotonic() - started < 30, "the driver waiting for its jobs was cancelled, not timed out"
    assert _leftovers(ctx) == [], "the driver's folder is removed"
