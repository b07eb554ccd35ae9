"""Flake check: re-run the new tests in other company and order; a test whose outcome changes is flaky.

Runs (N in all, default 5, two at a time on 2 cores): the new files alone in reversed order,
together with the existing suite, and the new files alone again. Every run writes its own
report and, under pytest, its own temporary folders, so parallel runs share no state.
`check_flakes` runs them through the runner; for pytest, `verify` hands the same plan to the
proof driver (forked clean children, see `agent.proof.mutation.prove`) and calls `judge`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from agent.outcome import CommandRun, FlakeCheck
from agent.runners.base import Runner, run_tests
from agent.sandbox import Sandbox


@dataclass
class FlakeReport:
    """Per-test outcomes across runs; flaky tests with their evidence."""

    runs: int = 0
    flaky: dict[str, list[str]] = field(default_factory=dict)
    """Test id -> evidence lines such as `run 3 (suite): failed: AssertionError ...`."""

    def to_check(self) -> FlakeCheck:
        if self.runs <= 1:  # no rerun happened: say so rather than "0 flaky in 1 runs (isolated, ...)"
            return FlakeCheck(summary="not checked for flakiness: the new tests ran once (no reruns)",
                              runs=self.runs, flaky=self.flaky)
        names = ", ".join(sorted(self.flaky)) or "none"
        return FlakeCheck(summary=f"{len(self.flaky)} flaky test(s) in {self.runs} runs (isolated, with the suite, "
                                  f"reversed order): {names}", runs=self.runs, flaky=self.flaky)


def plan_reruns(test_ids: Sequence[str], suite_files: Sequence[str], count: int) -> list[tuple[str, list[str]]]:
    """`count` reruns cycling through: reversed order, with the existing suite first, isolated."""
    plans: list[tuple[str, list[str]]] = []
    shapes = [("reversed", list(reversed(test_ids))), ("with the suite", [*suite_files, *test_ids]),
              ("isolated", list(test_ids))]
    for index in range(count):
        label, ids = shapes[index % len(shapes)]
        plans.append((label, ids))
    return plans


def new_test_ids(first: CommandRun, new_files: Sequence[str]) -> list[str]:
    """Ids of the first run's tests that live in the new files."""
    return [t.id for t in first.tests if any(t.id.startswith(f + "::") for f in new_files)]


def check_flakes(runner: Runner, sandbox: Sandbox, repo: Path, first: CommandRun, new_files: Sequence[str],
                 suite_files: Sequence[str], reruns: int, timeout: float) -> FlakeReport:
    """Re-run the tests of `new_files` `reruns - 1` more times (the first run counts) and compare outcomes."""
    new_ids = new_test_ids(first, new_files)
    if reruns <= 1 or not new_ids:
        return FlakeReport(runs=1)
    extra = ["-p", "no:randomly"] if runner.name == "pytest" else []
    plans = plan_reruns(new_ids, [f for f in suite_files if f not in new_files], reruns - 1)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_tests, runner, sandbox, repo, ids, timeout=timeout, extra=extra)
                   for _, ids in plans]
        runs: list[tuple[str, dict[str, tuple[str, str]]]] = [
            (label, {t.id: (str(t.status), t.message or "") for t in future.result()[0].tests})
            for (label, _), future in zip(plans, futures, strict=True)]
    return judge(first, new_ids, runs)


def judge(first: CommandRun, new_ids: Sequence[str], runs: Sequence[tuple[str, dict[str, tuple[str, str]]]]
          ) -> FlakeReport:
    """Compare each new test's status across the first run and `runs` (label, id -> (status, message))."""
    report = FlakeReport(runs=1 + len(runs))
    seen: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for test in first.tests:
        if test.id in new_ids:
            seen[test.id].append(("run 1 (first)", test.status, test.message or ""))
    for number, (label, statuses) in enumerate(runs, start=2):
        for test_id, (status, message) in statuses.items():
            if test_id in seen:
                seen[test_id].append((f"run {number} ({label})", status, message))
    for test_id, outcomes in seen.items():
        if len({_settled(status) for _, status, _ in outcomes}) > 1:
            report.flaky[test_id] = [f"{where}: {status}" + (f": {msg[:160]}" if msg else "")
                                     for where, status, msg in outcomes]
    return report


def _settled(status: str) -> str:
    """Outcomes that count as the same: an xfail is a (known) failure."""
    return {"xfailed": "failed", "error": "failed"}.get(status, status)
