"""Flake check: re-run the new tests in other company and order; a test whose outcome changes is flaky.

Runs (N in all, default 5, two at a time on 2 cores): the new files alone in reversed order,
together with the existing suite, and the new files alone again. Every run writes its own
report and, under pytest, its own temporary folders, so parallel runs share no state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.outcome import CommandRun
from agent.runners.base import Runner, run_tests
from agent.sandbox import Sandbox


@dataclass
class FlakeReport:
    """Per-test outcomes across runs; flaky tests with their evidence."""

    runs: int = 0
    flaky: dict[str, list[str]] = field(default_factory=dict)
    """Test id -> evidence lines such as `run 3 (suite): failed: AssertionError ...`."""

    def to_check(self) -> dict[str, Any]:
        names = ", ".join(sorted(self.flaky)) or "none"
        return {"summary": f"{len(self.flaky)} flaky test(s) in {self.runs} runs (isolated, with the suite, "
                           f"reversed order): {names}", "runs": self.runs, "flaky": self.flaky}


def _plan(test_ids: Sequence[str], suite_files: Sequence[str], reruns: int) -> list[tuple[str, list[str]]]:
    plans: list[tuple[str, list[str]]] = []
    shapes = [("reversed", list(reversed(test_ids))), ("with the suite", [*suite_files, *test_ids]),
              ("isolated", list(test_ids))]
    for index in range(reruns):
        label, ids = shapes[index % len(shapes)]
        plans.append((label, ids))
    return plans


def check_flakes(runner: Runner, sandbox: Sandbox, repo: Path, first: CommandRun, new_files: Sequence[str],
                 suite_files: Sequence[str], reruns: int, timeout: float) -> FlakeReport:
    """Re-run the tests of `new_files` `reruns - 1` more times (the first run counts) and compare outcomes."""
    report = FlakeReport(runs=1)
    new_ids = [t.id for t in first.tests if any(t.id.startswith(f + "::") for f in new_files)]
    if reruns <= 1 or not new_ids:
        return report
    seen: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for test in first.tests:
        if test.id in new_ids:
            seen[test.id].append(("run 1 (first)", test.status, test.message or ""))
    extra = ["-p", "no:randomly"] if runner.name == "pytest" else []
    plans = _plan(new_ids, [f for f in suite_files if f not in new_files], reruns - 1)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_tests, runner, sandbox, repo, ids, timeout=timeout, extra=extra)
                   for _, ids in plans]
        for number, ((label, _), future) in enumerate(zip(plans, futures, strict=True), start=2):
            run, _ = future.result()
            report.runs += 1
            for test in run.tests:
                if test.id in seen:
                    seen[test.id].append((f"run {number} ({label})", test.status, test.message or ""))
    for test_id, outcomes in seen.items():
        if len({_settled(status) for _, status, _ in outcomes}) > 1:
            report.flaky[test_id] = [f"{where}: {status}" + (f": {msg[:160]}" if msg else "")
                                     for where, status, msg in outcomes]
    return report


def _settled(status: str) -> str:
    """Outcomes that count as the same: an xfail is a (known) failure."""
    return {"xfailed": "failed", "error": "failed"}.get(status, status)
