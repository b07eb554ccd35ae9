"""The `Runner` seam and the one function that runs a set of test files and reports per-test results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from agent.outcome import CommandRun, TestResult
from agent.sandbox import CommandResult, Sandbox


class Runner(Protocol):
    """Adapter for one test runner."""

    name: str

    def detect(self, repo: Path) -> bool:
        """True when the repo uses (or should use) this runner."""
        ...

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        """Argv that runs `test_files` (all tests when empty) and writes a machine-readable report to `report`.

        Entries may also be test ids as `parse` returns them (`file::name`), to run single tests.
        """
        ...

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        """Per-test results from the report (and the output, where the report is missing)."""
        ...


def detect_runner(repo: Path) -> Runner | None:
    """The first runner whose `detect` accepts the repo.

    The strict detectors (a manifest naming the runner) go first; pytest, which accepts any Python repo, last.
    """
    from agent.runners.gotest import GoTestRunner
    from agent.runners.jest import JestRunner
    from agent.runners.pytest import PytestRunner
    from agent.runners.vitest import VitestRunner

    runners: tuple[Runner, ...] = (VitestRunner(), JestRunner(), GoTestRunner(), PytestRunner())
    for runner in runners:
        if runner.detect(repo):
            return runner
    return None


def summarize(command: str, result: CommandResult, tests: list[TestResult]) -> CommandRun:
    """Count per-test statuses into a `CommandRun`."""
    counts = {status: sum(1 for t in tests if t.status == status) for status in
              ("passed", "failed", "skipped", "error", "xfailed", "xpassed")}
    return CommandRun(
        command=command,
        exit_code=result.exit_code,
        duration_s=round(result.duration_s, 3),
        passed=counts["passed"],
        failed=counts["failed"],
        skipped=counts["skipped"],
        errors=counts["error"],
        xfailed=counts["xfailed"],
        xpassed=counts["xpassed"],
        tests=tests,
    )


def run_tests(
    runner: Runner,
    sandbox: Sandbox,
    repo: Path,
    test_files: Sequence[str] = (),
    *,
    timeout: float = 300,
    extra: Sequence[str] = (),
) -> tuple[CommandRun, CommandResult]:
    """Run `test_files` with `runner` inside `sandbox`; the report file is removed afterwards."""
    report = sandbox.scratch.output(f"{runner.name}.report")  # outside the repo; the command writes it
    argv = runner.command(repo, test_files, report, extra)
    try:
        result = sandbox.run(argv, cwd=repo, timeout=timeout)
        if report.is_symlink() or (report.exists() and not report.is_file()):
            sandbox.scratch.discard(report)  # planted by the command: never read through it
        tests = runner.parse(repo, report, result)
    finally:
        sandbox.scratch.discard(report)
    shown = " ".join(a for a in argv if str(report) not in a)
    return summarize(shown, result, tests), result
