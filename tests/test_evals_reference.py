"""Trusting the instrument: on the real cases the golden agent scores >= 0.9, the lazy agent <= 0.3, and the two
adversaries (gamer: a sha256 change detector with a test per scenario name; stuffer: weak tests under every label,
prose stuffed with keywords) <= 0.2 — on every case kind.

All four drive the real SDK against the fake Messages API, the real loop, tools and verification. The default
test covers the Python cases; the Node cases (npm install, Jest, Vitest) run in the `node` test and the Go cases
(`go test`, net/http) in the `slow` Go test, which needs the go toolchain (CI installs golang-go).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from agent.evals.cases import load_cases
from agent.evals.harness import EvalConfig, run_eval
from agent.runners.gotest import go_available

GO_CASES = [c for c in load_cases() if (c.repo / "go.mod").exists()]
PYTHON_CASES = [c for c in load_cases() if not c.install and c not in GO_CASES]
NODE_CASES = [c for c in load_cases() if c.install]
LIMITS = {"golden": (0.9, 1.0), "lazy": (0.0, 0.3), "gamer": (0.0, 0.2), "stuffer": (0.0, 0.2)}
"""Per agent: the mean score every case kind must fall within."""


def scores(cases, model: str, out: Path) -> dict[str, float]:
    lines = run_eval(EvalConfig(cases=cases, out=out, model=model, concurrency=2, progress=False,
                                verify_options={"mutants": False, "flake_reruns": 2}, timeout_s=120))
    return {line["case"]: line["score"] for line in lines}


def by_kind(cases, by_case: dict[str, float]) -> dict[str, float]:
    grouped: dict[str, list[float]] = defaultdict(list)
    for case in cases:
        grouped[case.kind].append(by_case[case.name])
    return {kind: sum(v) / len(v) for kind, v in grouped.items()}


def check(cases, model: str, tmp_path: Path) -> None:
    """`model`'s mean score on every case kind falls within its limits (one agent per test, so xdist spreads them)."""
    low, high = LIMITS[model]
    results = scores(cases, model, tmp_path / model)
    assert len(results) == len(cases)
    for kind, mean in by_kind(cases, results).items():
        assert low <= mean <= high, (model, kind, results)


@pytest.mark.timeout(3600)
@pytest.mark.parametrize("model", list(LIMITS))
def test_golden_scores_high_and_lazy_gamer_and_stuffer_score_low_on_the_python_cases(model, tmp_path):
    assert len(PYTHON_CASES) >= 6 and {c.kind for c in PYTHON_CASES} == {"files", "advice", "diagnosis"}
    check(PYTHON_CASES, model, tmp_path)


@pytest.mark.node
@pytest.mark.timeout(3600)
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="needs node and npm")
@pytest.mark.parametrize("model", list(LIMITS))
def test_golden_scores_high_and_lazy_gamer_and_stuffer_score_low_on_the_node_cases(model, tmp_path):
    check(NODE_CASES, model, tmp_path)


@pytest.mark.timeout(3600)
@pytest.mark.slow
@pytest.mark.skipif(go_available() is not None, reason=go_available() or "")
@pytest.mark.parametrize("model", list(LIMITS))
def test_golden_scores_high_and_lazy_gamer_and_stuffer_score_low_on_the_go_cases(model, tmp_path):
    assert GO_CASES, "no Go case under evals/cases"
    check(GO_CASES, model, tmp_path)
