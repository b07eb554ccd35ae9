"""The runtime proves what the model wrote: it runs the tests itself and fills `run` from what it observed.

Two entry points used by the loop:
- `precheck(ctx)` runs before a submission is accepted; each problem it returns goes back to the model
  as a tool error (bounded by the loop), so the model can repair flaky or assertion-free tests.
- `build_report(ctx)` runs after the final submission and returns the `RunReport` the outcome carries.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.outcome import CommandRun, ModelSubmission, RunReport
from agent.proof.assertions import Finding, scan_file, target_modules
from agent.proof.flake import FlakeReport, check_flakes
from agent.runners import Runner, detect_runner, run_tests
from agent.sandbox import Sandbox
from agent.triage import triage

DEFAULT_FLAKE_RERUNS = 5
_FLAKE_CACHE: dict[str, FlakeReport] = {}


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
    problems = [str(f) for f in _assertion_findings(ctx)]
    runner = ctx.runner or detect_runner(ctx.repo)
    test_files = sorted(ctx.written_files)
    if runner is not None and test_files and _reruns(ctx) > 1:
        first, _ = run_tests(runner, ctx.sandbox, ctx.repo, test_files, timeout=ctx.timeout_s)
        flakes = _flakes(ctx, runner, first)
        problems += [f"{test_id} is flaky: " + "; ".join(evidence) + " (load the troubleshooting reference)"
                     for test_id, evidence in flakes.flaky.items()]
    return problems


def _reruns(ctx: VerifyContext) -> int:
    value = ctx.options.get("flake_reruns", DEFAULT_FLAKE_RERUNS)
    return int(value) if isinstance(value, int | str) else DEFAULT_FLAKE_RERUNS


def _assertion_findings(ctx: VerifyContext) -> list[Finding]:
    modules = target_modules(ctx.submission.test_surface.targets)
    return [f for rel in sorted(ctx.written_files) for f in scan_file(ctx.repo, rel, modules)]


def _flakes(ctx: VerifyContext, runner: Runner, first: CommandRun) -> FlakeReport:
    """Flake reruns, cached by the content of the new files so precheck and the final report share them."""
    key = _content_key(ctx)
    if key not in _FLAKE_CACHE:
        suite = [f for f in triage(ctx.repo).test_files if f not in ctx.written_files]
        _FLAKE_CACHE[key] = check_flakes(runner, ctx.sandbox, ctx.repo, first, sorted(ctx.written_files), suite,
                                         _reruns(ctx), ctx.timeout_s)
    return _FLAKE_CACHE[key]


def _content_key(ctx: VerifyContext) -> str:
    digest = hashlib.sha256(str(ctx.repo).encode())
    for rel in sorted(ctx.written_files):
        digest.update(rel.encode() + b"\0")
        with contextlib.suppress(OSError):
            digest.update((ctx.repo / rel).read_bytes())
    return digest.hexdigest()


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
    regression = {name for f in ctx.submission.implementation.files for name in f.regression}
    reproduced = regression_lock(ctx, runner, run, regression, report) if regression else set()
    unexpected = [t for t in run.tests if t.status in ("failed", "error", "xpassed") and t.id not in reproduced]
    flakes = _flakes(ctx, runner, run)
    report.checks["flake"] = flakes.to_check()
    findings = _assertion_findings(ctx)
    report.checks["assertions"] = {"summary": f"{len(findings)} weak spot(s) in the new tests",
                                   "findings": [str(f) for f in findings]}
    gaps = [{"item": f"flaky: {test_id}", "reason": "; ".join(evidence[:3]), "risk": "high"}
            for test_id, evidence in flakes.flaky.items()]
    gaps += [{"item": f"weak test: {f}", "reason": "found by the assertion scan", "risk": "medium"} for f in findings]
    report.checks["gaps"] = gaps
    report.verified = bool(run.tests) and not unexpected and not flakes.flaky
    report.duration_s = round(time.monotonic() - start, 3)
    return report


def regression_lock(ctx: VerifyContext, runner: Runner, run: CommandRun, names: set[str],
                    report: RunReport) -> set[str]:
    """Re-run the regression tests with xfail marks ignored: each must fail by assertion, not by error.

    Returns the ids of the tests that reproduce the bug; their assertion messages become findings.
    """
    ids = [t.id for t in run.tests if _name(t.id) in names]
    missing = sorted(names - {_name(i) for i in ids})
    if not ids:
        report.discrepancies.append(f"regression tests named in the outcome were not run: {', '.join(missing)}")
        return set()
    rerun, _ = run_tests(runner, ctx.sandbox, ctx.repo, ids, timeout=ctx.timeout_s, extra=["--runxfail"])
    results: list[dict[str, Any]] = []
    for test in rerun.tests:
        message = test.message or ""
        reproduces = test.status == "failed" and message.startswith("AssertionError")
        reason = message.removeprefix("AssertionError:").strip() if reproduces else (
            "passes on the current code" if test.status == "passed" else f"{test.status}: {message[:200]}")
        results.append({"id": test.id, "reproduces": reproduces, "reason": reason})
        if reproduces:
            report.findings.append(reason or f"{test.id} reproduces the bug")
        else:
            report.discrepancies.append(f"{test.id} is marked as a regression test but does not reproduce a bug "
                                        f"({reason})")
    count = sum(r["reproduces"] for r in results)
    report.checks["regression"] = {
        "summary": f"{count} of {len(results)} regression test(s) reproduce the bug on the current code "
                   "(assertion failure with xfail marks ignored)",
        "tests": results,
        "missing": missing,
    }
    return {r["id"] for r in results if r["reproduces"]}


def _name(test_id: str) -> str:
    return test_id.rsplit("::", 1)[-1].split("[", 1)[0]
