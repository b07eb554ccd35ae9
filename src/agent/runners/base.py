"""The `Runner` seam and the one function that runs a set of test files and reports per-test results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from agent.outcome import CommandRun, TestResult
from agent.sandbox import CommandResult, Sandbox

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


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
    run = summarize(shown, result, tests)
    if not tests and result.exit_code != 0:
        run.error = first_error_line(result.output, repo) or (
            "killed at its timeout" if result.exit_code is None else f"exit {result.exit_code} with no output")
    return run, result


_ERROR_LINES = (
    re.compile(r"^(ERROR|error):?\s+\S"),  # pytest's usage errors (`ERROR: pyproject.toml: Invalid statement`)
    re.compile(r"^E\s+\w*(Error|Exception)\b"),  # the exception line under a pytest collection error
    re.compile(r"^\s*●\s+\S"),  # Jest's and Vitest's headline for a suite that failed to run
    re.compile(r"\b\w*(Error|Exception)\b:\s*\S"),
    re.compile(r"\b(no tests ran|no tests found|no test files found)\b", re.I),
)


def first_error_line(output: str, repo: Path | None = None) -> str | None:
    """The line of a runner's output that says why it failed (patterns in order of how telling they are)."""
    lines = [_ANSI.sub("", line).strip() for line in output.splitlines()]
    lines = [line for line in lines if line and not set(line) <= set("=-_ ")]
    for pattern in _ERROR_LINES:
        for index, line in enumerate(lines):
            if pattern.search(line):
                text = line.removeprefix("E").strip() if pattern is _ERROR_LINES[1] else line
                if pattern is _ERROR_LINES[2] and index + 1 < len(lines):  # the headline, then its cause
                    text = f"{text.lstrip('● ')}: {lines[index + 1]}"
                if repo is not None:
                    text = text.replace(f"{repo}/", "")
                return text[:300]
    return None
