"""Trusting the instrument: on the real cases the golden agent scores >= 0.9, the lazy agent <= 0.3, and the two
adversaries (gamer: a sha256 change detector with a test per scenario name; stuffer: weak tests under every label,
prose stuffed with keywords) <= 0.2 — on every case kind.

All four drive the real SDK against the fake Messages API, the real loop, tools and verification. The suite runs a
representative subset (chosen below, each choice said why); the whole table, every agent on every case, is
`python benchmarks/reference_agents.py` (same functions, same limits, plus the runtime's flake reruns and coverage
run; exits 1 on a wrong score), about 25 minutes on 2 cores, which the suite cannot afford on every CI run. The Node
cases (npm ci, Jest, Vitest) run in the `node` test and the Go case (`go test`, net/http) in the `slow` Go test,
which needs the go toolchain (CI installs golang-go).
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from agent.evals.cases import Case, load_cases
from agent.runners.gotest import go_available
from evals_fixtures import eval_case_installs, link_installs

_spec = importlib.util.spec_from_file_location(
    "reference_agents", Path(__file__).resolve().parents[1] / "benchmarks" / "reference_agents.py")
assert _spec is not None and _spec.loader is not None
reference = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("reference_agents", reference)
_spec.loader.exec_module(reference)

LIMITS = reference.LIMITS
ALL_CASES = {c.name: c for c in load_cases()}
GO_CASES = [c for c in ALL_CASES.values() if (c.repo / "go.mod").exists()]
NODE_CASES = [c for c in ALL_CASES.values() if c.install]

PYTHON_SUBSET = [
    "fastapi-orders-regression",  # files, dev, FastAPI; the only case with the regression-lock grader (strict xfail)
    "sqlalchemy-library-loans",   # files, dev, Flask + SQLAlchemy (app factory, database fixtures)
    "cached-settings-leak",       # diagnosis (test-order isolation; the shuffled-suite grader)
    "retry-policy-advice",        # advice, holdout (the structured-recommendation grader) ...
    "which-layer-advice",         # ... and dev (advice attempts cost well under a second: no tests to run)
]
"""Python cases in the suite: every case kind, both splits, the web frameworks the cases use (FastAPI, Flask +
SQLAlchemy) and every grader kind (bug catching with equivalent patches, scenario coverage, regression lock,
shuffled-suite diagnosis, advice). Measured per golden attempt (2 cores, loaded): 25-80 s a files or diagnosis
case, 0.3 s an advice case. The other Python cases (plain-Python libraries among them) repeat these mechanisms on
other code, and a files case costs every agent a minute or more: the benchmark sweeps them."""
PYTHON_CASES = [ALL_CASES[name] for name in PYTHON_SUBSET]

TOOLCHAIN_AGENTS = ["golden", "lazy", "gamer"]
"""Agents on the Node and Go cases: golden proves the runner, its parser and every grader work in that language;
lazy proves a weak suite misses that language's seeded bugs; gamer proves a change detector (a test pinning the
source's hashes) scores nothing on detection because that language's equivalent patches break it. The stuffer is
the lazy suite plus labels and prose, which the graders judge the same way whatever the language (the Python test
covers it); the benchmark runs it on every case."""


SUITE_VERIFY = {"mutants": False, "flake_reruns": 0, "coverage": False}
"""The runtime's own verification here: its report runs only, no flake reruns or coverage run (the request round
stays on, as in the sweep). Scores come from the graders, which run the kept tests
themselves (their own repeated runs as the flake check, every bug and equivalent patch), and the informational
coverage grade is not counted. Measured one test at a time on a loaded 2-core machine: the ten agent tests took 400 s
instead of 741 s (Python 226 s instead of 302, Node 124 instead of 228, Go 50 instead of 211: each sandboxed
`go test` vets in a cold build cache, about 9 s of CPU, so the reruns cost most there)."""


def check(cases: list[Case], model: str, out: Path) -> None:
    """`model`'s mean score on every case kind falls within its limits (one agent per test, so xdist spreads them)."""
    results = reference.scores(cases, model, out, verify_options=SUITE_VERIFY)
    assert len(results) == len(cases)
    assert not reference.violations(cases, model, results), results


def test_the_python_subset_covers_every_kind_split_and_framework():
    kinds = {c.kind for c in PYTHON_CASES}
    splits = {c.split for c in PYTHON_CASES}
    assert kinds == {c.kind for c in ALL_CASES.values()} == {"files", "advice", "diagnosis"}
    assert splits == {"dev", "holdout"}
    assert any(c.hidden.regression_fix for c in PYTHON_CASES)
    assert {c.split for c in NODE_CASES} == {"dev", "holdout"}
    assert {runner for c in NODE_CASES for runner in ("jest", "vitest") if f"/{runner} " in c.test_command} == {
        "jest", "vitest"}
    assert not {c.name for c in PYTHON_CASES} & {c.name for c in NODE_CASES + GO_CASES}


def test_the_sweep_flags_a_mean_outside_the_limits_and_a_missing_case():
    cases = PYTHON_CASES
    right = {c.name: (0.0 if c.kind != "files" else 0.1) for c in cases}
    assert reference.violations(cases, "lazy", right) == []
    wrong = dict(right, **{"sqlalchemy-library-loans": 1.0})  # files mean (0.1 + 1.0) / 2 = 0.55 > 0.3
    [message] = reference.violations(cases, "lazy", wrong)
    assert "lazy on files cases: mean 0.550" in message
    assert reference.violations(cases, "golden", {c.name: 1.0 for c in cases}) == []
    assert reference.violations(cases, "golden", right) != []
    [missing] = reference.violations(cases, "gamer", {"sqlalchemy-library-loans": 0.0})
    assert "no score for" in missing and "retry-policy-advice" in missing
    assert reference.main(["--models", "nobody"]) == 2


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("model", list(LIMITS))
def test_golden_scores_high_and_lazy_gamer_and_stuffer_score_low_on_the_python_cases(model, tmp_path):
    check(PYTHON_CASES, model, tmp_path / model)


@pytest.fixture(scope="module")
def node_installs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Node cases' `npm ci`, once for every agent (and shared with tests/test_sandbox_node.py)."""
    return eval_case_installs(request, tmp_path_factory)


@pytest.mark.node
@pytest.mark.timeout(1800)
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="needs node and npm")
@pytest.mark.parametrize("model", TOOLCHAIN_AGENTS)
def test_golden_scores_high_and_lazy_and_gamer_score_low_on_the_node_cases(model, tmp_path, node_installs):
    link_installs(node_installs, tmp_path / model)
    check(NODE_CASES, model, tmp_path / model)


@pytest.mark.timeout(1800)
@pytest.mark.slow
@pytest.mark.skipif(go_available() is not None, reason=go_available() or "")
@pytest.mark.parametrize("model", TOOLCHAIN_AGENTS)
def test_golden_scores_high_and_lazy_and_gamer_score_low_on_the_go_cases(model, tmp_path):
    assert GO_CASES, "no Go case under evals/cases"
    check(GO_CASES, model, tmp_path / model)
