"""Mutation probe: AST mutants, weak vs strong suites, the tree left alone, survivors sent back once."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from agent import verify
from agent.outcome import ModelSubmission
from agent.proof.mutants import mutants_of, select
from agent.proof.mutation import probe, target_files
from agent.runners import PytestRunner, run_tests
from agent.sandbox import BwrapSandbox, ProcessSandbox, bwrap_works

from conftest import make_repo
from scripts import good_submission

PRICING = '''\
def line_total(quantity, unit_price):
    """Price of one order line; quantities must be positive."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return round(quantity * unit_price, 2)


def bulk_discount(quantity):
    if quantity >= 10:
        return 0.1
    return 0.0
'''

WEAK = '''\
from shop.pricing import line_total


def test_a_typical_line():
    assert line_total(2, 1.5) == 3.0
'''

STRONG = '''\
import pytest

from shop.pricing import bulk_discount, line_total


def test_a_typical_line():
    assert line_total(2, 1.5) == 3.0


def test_rounds_to_cents():
    assert line_total(1, 0.129) == 0.13


def test_one_is_the_smallest_quantity():
    assert line_total(1, 2.0) == 2.0


@pytest.mark.parametrize("quantity", [0, -1])
def test_non_positive_quantities_are_refused(quantity):
    with pytest.raises(ValueError, match="positive"):
        line_total(quantity, 1.0)


def test_discount_starts_at_ten():
    assert bulk_discount(10) == 0.1
    assert bulk_discount(9) == 0.0
'''

API = '''\
from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()


def require_admin(token: str = "") -> str:
    if token != "admin":
        raise HTTPException(403, "admin only")
    return token


@app.post("/orders", status_code=201)
def create(quantity: int, admin: str = Depends(require_admin)) -> dict[str, int]:
    if quantity > 100:
        return {"error": 1}, 422
    return {"quantity": quantity * 2}
'''


def _repo(tmp_path: Path, suite: str) -> Path:
    return make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING, "tests/test_pricing.py": suite,
    })


def _passing(repo: Path) -> list[str]:
    run, _ = run_tests(PytestRunner(), ProcessSandbox(), repo, ["tests/test_pricing.py"], timeout=120)
    return [t.id for t in run.tests if t.status == "passed"]


def _tree(repo: Path) -> dict[str, str]:
    return {p.relative_to(repo).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(repo.rglob("*")) if p.is_file() and ".git" not in p.relative_to(repo).parts}


def test_mutants_cover_the_kinds_a_backend_bug_takes() -> None:
    mutants = mutants_of("app.py", API)
    changes = {(m.line, m.kind, m.change) for m in mutants}

    assert (8, "status code", "`403` -> `200`") in changes
    assert (12, "status code", "`201` -> `200`") in changes
    assert (13, "permission check removed", "`Depends(require_admin)` -> `Depends(lambda: None)`") in changes
    assert (7, "permission check removed", '`token != "admin"` -> `False`') in changes
    assert (14, "boundary", "`quantity > 100` -> `(quantity >= 100)`") in changes
    assert (15, "status code", "`422` -> `200`") in changes
    assert (16, "arithmetic", "`quantity * 2` -> `(quantity / 2)`") in changes
    assert (8, "raise dropped", '`raise HTTPException(403, "admin only")` -> `pass`') in changes
    original = API.splitlines()
    for mutant in mutants:
        ast.parse(mutant.source)
        changed = [i + 1 for i, (a, b) in enumerate(zip(original, mutant.source.splitlines(), strict=True)) if a != b]
        assert changed == [mutant.line], f"{mutant} changes exactly its own line"


MONEY = '''\
from decimal import ROUND_HALF_UP, Decimal


def discounted(subtotal, coupon):
    return subtotal - min(coupon, subtotal)


def cents(amount):
    return Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
'''


def test_caps_and_rounding_modes_get_mutants_that_run_and_change_the_answer() -> None:
    mutants = {m.change: m for m in mutants_of("money.py", MONEY)}
    assert mutants["`min(coupon, subtotal)` -> `(coupon)`"].kind == "bound removed"
    assert "`min(coupon, subtotal)` -> `(subtotal)`" in mutants
    rounding = mutants["`ROUND_HALF_UP` -> `'ROUND_HALF_EVEN'`"]
    assert rounding.kind == "rounding"
    namespace: dict[str, object] = {}
    exec(compile(rounding.source, "money.py", "exec"), namespace)  # the mutant needs no import it lacks
    assert str(namespace["cents"]("0.125")) == "0.12"  # type: ignore[operator]
    exec(compile(mutants["`min(coupon, subtotal)` -> `(coupon)`"].source, "money.py", "exec"), namespace)
    assert namespace["discounted"](10, 15) == -5  # type: ignore[operator]


def test_selection_is_bounded_and_spread_over_kinds() -> None:
    mutants = mutants_of("app.py", API)
    picked = select(mutants, 6)
    assert len(picked) == 6
    assert len({m.kind for m in picked}) == 6


def test_a_weak_suite_lets_mutants_survive_that_a_strong_one_kills(tmp_path: Path) -> None:
    weak_repo = _repo(tmp_path / "weak", WEAK)
    strong_repo = _repo(tmp_path / "strong", STRONG)

    weak = probe(ProcessSandbox(), weak_repo, ["shop/pricing.py"], _passing(weak_repo))
    strong = probe(ProcessSandbox(), strong_repo, ["shop/pricing.py"], _passing(strong_repo))

    assert weak.skipped is None and strong.skipped is None
    assert weak.score is not None and strong.score is not None
    assert strong.score == 1.0 and weak.score < 0.5
    assert "shop/pricing.py:3: `quantity <= 0` -> `(quantity < 0)`" in weak.survivors
    unreached = [m for m in weak.mutants if m.get("reason") == "no new test reaches this line"]
    # The weak test never raises and never calls bulk_discount: those lines are not reached, nothing runs for them.
    assert {m["mutant"].split(":")[1] for m in unreached} == {"4", "9", "10", "11"}
    assert all("seconds" not in m for m in unreached)
    check = strong.to_check()
    assert check.survived == [] and check.killed == len(strong.mutants)
    assert check.summary.startswith("mutation score 100%")


def test_the_probe_leaves_the_tree_byte_identical(tmp_path: Path) -> None:
    repo = _repo(tmp_path, STRONG)
    tests = _passing(repo)
    before = _tree(repo)

    report = probe(ProcessSandbox(), repo, ["shop/pricing.py"], tests, max_mutants=5)

    assert len(report.mutants) == 5
    assert _tree(repo) == before


def test_a_hanging_mutant_times_out_without_stalling_the_probe(tmp_path: Path) -> None:
    source = "def countdown(n):\n    while n > 0:\n        n -= 1\n    return n\n"
    repo = make_repo(tmp_path / "loop", {
        "pytest.ini": "[pytest]\n", "loop.py": source,
        "tests/test_loop.py": "from loop import countdown\n\n\ndef test_countdown():\n    assert countdown(3) == 0\n",
    })
    run, _ = run_tests(PytestRunner(), ProcessSandbox(), repo, ["tests/test_loop.py"], timeout=60)

    report = probe(ProcessSandbox(), repo, ["loop.py"], [t.id for t in run.tests], timeout_s=2)

    statuses = {m["mutant"]: m["status"] for m in report.mutants}
    assert statuses["loop.py:3: `n -= 1` -> `n += 1`"] == "timeout"
    assert report.score == 1.0


def test_targets_default_to_the_repo_modules_the_new_tests_import(tmp_path: Path) -> None:
    repo = _repo(tmp_path, STRONG)
    assert target_files(repo, ["POST /orders"], ["tests/test_pricing.py"]) == ["shop/pricing.py"]
    assert target_files(repo, ["shop/pricing.py", "shop/missing.py"], []) == ["shop/pricing.py"]


def test_survivors_go_back_to_the_model_once_and_land_in_gaps(tmp_path: Path) -> None:
    repo = _repo(tmp_path, WEAK)
    submission = ModelSubmission.model_validate(good_submission())
    ctx = verify.VerifyContext(repo=repo, submission=submission, sandbox=ProcessSandbox(),
                               request="add tests for line_total (survivors once)",
                               written_files=["tests/test_pricing.py"], options={"flake_reruns": 2, "mutants": True})

    first = verify.precheck(ctx)
    second = verify.precheck(ctx)
    verification = verify.build_report(ctx)
    report = verification.report

    assert len(first) == 1 and "survive every new test" in first[0]
    assert "`quantity <= 0` -> `(quantity < 0)`" in first[0]
    assert second == []
    mutation = report.checks.mutation
    assert mutation.score < 0.5 and mutation.survived
    gaps = [g.item for g in verification.gaps]
    assert "surviving mutant: shop/pricing.py:3: `quantity <= 0` -> `(quantity < 0)`" in gaps
    assert report.verified is True, "surviving mutants are gaps, not failures"


def test_the_report_reuses_the_runs_proof_until_the_code_under_test_changes(tmp_path: Path) -> None:
    repo = _repo(tmp_path, WEAK)
    ctx = verify.VerifyContext(repo=repo, submission=ModelSubmission.model_validate(good_submission()),
                               sandbox=ProcessSandbox(), request="add tests for line_total (reuse)",
                               written_files=["tests/test_pricing.py"], options={"flake_reruns": 2, "mutants": True})
    assert verify.precheck(ctx)  # survivors go back: the probe ran at submit time
    reported = verify.build_report(ctx).report.checks.mutation
    assert reported is not None and reported.timings, "the report carries the precheck's probe (timings and all)"
    assert verify.build_report(ctx).report.checks.mutation == reported, "not re-run: same timings"

    pricing = repo / "shop" / "pricing.py"
    pricing.write_text(pricing.read_text() + "\n\ndef shipping(weight):\n    return weight * 2 + 3\n")
    changed = verify.build_report(ctx).report.checks.mutation
    assert changed is not None and changed.mutants != reported.mutants, "new code under test, new proof"

    other_run = dataclasses.replace(ctx, verifier=verify.Verifier())
    assert verify.precheck(other_run), "survivors go back once per run, not once per process"


def test_mutants_off_skips_the_probe(tmp_path: Path) -> None:
    repo = _repo(tmp_path, WEAK)
    ctx = verify.VerifyContext(repo=repo, submission=ModelSubmission.model_validate(good_submission()),
                               sandbox=ProcessSandbox(), request="no mutants", written_files=["tests/test_pricing.py"],
                               options={"flake_reruns": 1, "mutants": False})
    assert verify.precheck(ctx) == []
    assert verify.build_report(ctx).report.checks.mutation is None


@pytest.mark.skipif(bwrap_works() is not None, reason=str(bwrap_works()))
def test_the_probe_runs_inside_bubblewrap(tmp_path: Path) -> None:
    repo = _repo(tmp_path, STRONG)
    tests = _passing(repo)
    before = _tree(repo)

    report = probe(BwrapSandbox(), repo, ["shop/pricing.py"], tests, max_mutants=6)

    assert report.skipped is None and report.score == 1.0 and len(report.mutants) == 6
    assert _tree(repo) == before


def _venv_without_coverage(repo: Path) -> None:
    """A repo virtualenv that has pytest but not coverage.py (pytest's own packages linked in from ours)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(repo / ".venv")], check=True)
    ours = Path(pytest.__file__).resolve().parents[1]
    theirs = next((repo / ".venv" / "lib").glob("python*/site-packages"))
    for name in ("pytest", "_pytest", "pluggy", "iniconfig", "packaging", "pygments", "py.py"):
        if (ours / name).exists():
            (theirs / name).symlink_to(ours / name)


def test_without_coverage_py_mutants_are_judged_the_same_and_coverage_says_why_not(tmp_path: Path) -> None:
    plain = _repo(tmp_path / "plain", STRONG)
    bare = _repo(tmp_path / "bare", STRONG)
    _venv_without_coverage(bare)
    reports = {}
    for name, repo in (("plain", plain), ("bare", bare)):
        ctx = verify.VerifyContext(repo=repo, submission=ModelSubmission.model_validate(good_submission()),
                                   sandbox=ProcessSandbox(), request=f"no coverage {name}",
                                   written_files=["tests/test_pricing.py"], options={"flake_reruns": 2})
        reports[name] = verify.build_report(ctx).report

    verdicts = {name: [(m["mutant"], m["status"], m.get("tests")) for m in report.checks.mutation.mutants]
                for name, report in reports.items()}
    assert verdicts["bare"] == verdicts["plain"], "the Python tracer maps tests to lines as coverage.py does"
    assert any(status == "killed" for _, status, _ in verdicts["bare"])
    assert reports["bare"].checks.coverage.summary == \
        "coverage delta skipped: coverage.py is not installed in the repo's interpreter"
    assert reports["plain"].checks.coverage.after["lines"] == 100.0


def test_a_flake_check_with_no_reruns_says_it_did_not_check() -> None:
    from agent.proof.flake import FlakeReport

    assert FlakeReport(runs=1).to_check().summary == "not checked for flakiness: the new tests ran once (no reruns)"
    assert FlakeReport(runs=3).to_check().summary.startswith("0 flaky test(s) in 3 runs")
