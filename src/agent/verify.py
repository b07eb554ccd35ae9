"""The runtime proves what the model wrote: it runs the tests itself and fills `run` from what it observed.

Two entry points used by the loop:
- `precheck(ctx)` runs before a submission is accepted; each problem it returns goes back to the model
  as a tool error (bounded by the loop), so the model can repair flaky or assertion-free tests.
- `build_report(ctx)` runs after the final submission and returns the `RunReport` the outcome carries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from agent.outcome import ModelSubmission, RunReport
from agent.runners import Runner, detect_runner, run_tests
from agent.sandbox import Sandbox


@dataclass
class VerifyContext:
    """What verification needs to know about one run."""

    repo: Path
    submission: ModelSubmission
    sandbox: Sandbox
    request: str
    written_files: list[str]
    """Repo-relative test files the run created or modified (observed by the workspace, not claimed)."""
    runner: Runner | None = None
    timeout_s: float = 300
    options: dict[str, object] = field(default_factory=dict)
    """Verification options from the CLI (flake reruns, fixed ref, mark-xfail, mutants...)."""


def precheck(ctx: VerifyContext) -> list[str]:
    """Problems the model must fix before its submission is accepted (empty when none)."""
    return []


def build_report(ctx: VerifyContext) -> RunReport:
    """Run the written tests and report what happened."""
    start = time.monotonic()
    report = RunReport()
    runner = ctx.runner or detect_runner(ctx.repo)
    test_files = sorted(ctx.written_files)
    if runner is None or not test_files:
        report.verified = False
        report.duration_s = round(time.monotonic() - start, 3)
        return report
    run, _ = run_tests(runner, ctx.sandbox, ctx.repo, test_files, timeout=ctx.timeout_s)
    report.commands.append(run)
    expected_failures = {name for f in ctx.submission.implementation.files for name in f.regression}
    unexpected = [t for t in run.tests if t.status in ("failed", "error", "xpassed")
                  and t.id.rsplit("::", 1)[-1] not in expected_failures]
    report.verified = bool(run.tests) and not unexpected
    report.duration_s = round(time.monotonic() - start, 3)
    return report
