"""Jest, read through its `--json --outputFile` report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from agent.outcome import TestResult
from agent.runners.node import binary, parse_report, selected, selection, uses
from agent.sandbox import CommandResult

_CONFIGS = ("jest.config.js", "jest.config.ts", "jest.config.mjs", "jest.config.cjs", "jest.config.json")


class JestRunner:
    """Adapter for Jest. Test ids are `file::describe > test`."""

    name = "jest"

    def __init__(self) -> None:
        self._asked: dict[str, set[str] | None] = {}
        """Report path -> the single tests asked for, so `parse` can drop the ones filtered out by name."""

    def detect(self, repo: Path) -> bool:
        return uses(repo, "jest", _CONFIGS)

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        files, pattern = selection(test_files)
        self._asked[str(report)] = selected(test_files)
        argv = [*binary(repo, "jest"), "--ci", "--json", f"--outputFile={report}"]
        if pattern:
            argv += ["-t", pattern]
        if files:
            argv += ["--runTestsByPath", *files]
        return [*argv, *extra]

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        return parse_report(repo, report, result, self._asked.pop(str(report), None))
