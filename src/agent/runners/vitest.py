"""Vitest, read through its `json` reporter (`--reporter=json --outputFile=...`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from agent.outcome import TestResult
from agent.runners.node import binary, parse_report, selected, selection, uses
from agent.sandbox import CommandResult

_CONFIGS = ("vitest.config.js", "vitest.config.ts", "vitest.config.mjs", "vitest.config.mts", "vitest.workspace.ts")


class VitestRunner:
    """Adapter for Vitest (run once, no watch). Test ids are `file::describe > test`."""

    name = "vitest"

    def __init__(self) -> None:
        self._asked: dict[str, set[str] | None] = {}
        """Report path -> the single tests asked for, so `parse` can drop the ones filtered out by name."""

    def detect(self, repo: Path) -> bool:
        return uses(repo, "vitest", _CONFIGS)

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        files, pattern = selection(test_files)
        self._asked[str(report)] = selected(test_files)
        argv = [*binary(repo, "vitest"), "run", "--reporter=json", f"--outputFile={report}"]
        if pattern:
            argv += ["-t", pattern]
        return [*argv, *extra, *files]

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        return parse_report(repo, report, result, self._asked.pop(str(report), None))
