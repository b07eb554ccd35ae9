"""Trusting the instrument: on the real cases, the golden agent scores >= 0.9 and the lazy agent <= 0.3.

Both agents drive the real SDK against the fake Messages API, the real loop, tools and verification. The default
test covers the six Python cases; the two Node cases (npm install, Jest, Vitest) run in the `node` test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agent.evals.cases import load_cases
from agent.evals.harness import EvalConfig, run_eval

PYTHON_CASES = [c for c in load_cases() if not c.install]
NODE_CASES = [c for c in load_cases() if c.install]


def mean_score(cases, model: str, out: Path) -> tuple[float, dict[str, float]]:
    lines = run_eval(EvalConfig(cases=cases, out=out, model=model, concurrency=2, progress=False,
                                verify_options={"mutants": False, "flake_reruns": 2}, timeout_s=120))
    by_case = {line["case"]: line["score"] for line in lines}
    return sum(by_case.values()) / len(by_case), by_case


def test_golden_scores_high_and_lazy_scores_low_on_the_python_cases(tmp_path):
    golden, golden_cases = mean_score(PYTHON_CASES, "golden", tmp_path / "golden")
    lazy, lazy_cases = mean_score(PYTHON_CASES, "lazy", tmp_path / "lazy")
    assert len(golden_cases) == len(PYTHON_CASES) >= 6
    assert golden >= 0.9, golden_cases
    assert lazy <= 0.3, lazy_cases
    assert all(lazy_cases[name] < golden_cases[name] for name in golden_cases)


@pytest.mark.node
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("npm") is None, reason="needs node and npm")
def test_golden_scores_high_and_lazy_scores_low_on_the_node_cases(tmp_path):
    golden, golden_cases = mean_score(NODE_CASES, "golden", tmp_path / "golden")
    lazy, lazy_cases = mean_score(NODE_CASES, "lazy", tmp_path / "lazy")
    assert golden >= 0.9, golden_cases
    assert lazy <= 0.3, lazy_cases
