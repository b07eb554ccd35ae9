"""What the Node runners share: the package manifest, local binaries, id selection and jest-shaped JSON reports.

Jest's `--json` report and Vitest's `json` reporter have the same shape: `testResults[]` per file
(`name`, `status`, `message`) with `assertionResults[]` per test (`ancestorTitles`, `title`,
`status`, `duration` in ms, `failureMessages`). A file that failed to load has no assertion
results and a message; it becomes one `error` result so a broken file is never silently empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agent.outcome import TestResult, TestStatus
from agent.sandbox import CommandResult

ID_SEPARATOR = "::"
NAME_SEPARATOR = " > "
"""Test ids look like `tests/orders.test.js::POST /orders > creates an order`."""

_STATUS: dict[str, TestStatus] = {"passed": "passed", "failed": "failed", "pending": "skipped", "skipped": "skipped",
                                  "todo": "skipped", "disabled": "skipped", "focused": "passed"}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def package_json(repo: Path) -> dict[str, Any]:
    """The repo's package.json, or {} when it has none or it does not parse."""
    try:
        data = json.loads((repo / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def uses(repo: Path, tool: str, configs: Sequence[str]) -> bool:
    """True when package.json depends on `tool` or runs it as the test script, or one of `configs` exists."""
    if any((repo / name).exists() for name in configs):
        return True
    manifest = package_json(repo)
    if not manifest:
        return False
    deps = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
    script = str(manifest.get("scripts", {}).get("test", ""))
    return tool in deps or re.search(rf"\b{tool}\b", script) is not None or (tool == "jest" and "jest" in manifest)


def binary(repo: Path, tool: str) -> list[str]:
    """The repo's own `node_modules/.bin/<tool>`, else `npx --no-install <tool>` (never a download)."""
    local = repo / "node_modules" / ".bin" / tool
    return [str(local)] if local.exists() else ["npx", "--no-install", tool]


def selection(entries: Sequence[str]) -> tuple[list[str], str | None]:
    """Files to pass and a `-t` name pattern for entries that are test ids rather than files."""
    files: list[str] = []
    names: list[str] = []
    for entry in entries:
        file, sep, name = entry.partition(ID_SEPARATOR)
        if file not in files:
            files.append(file)
        if sep:
            names.append(name)
    if not names or len(names) < sum(1 for e in entries if ID_SEPARATOR in e):
        return files, None
    # Both runners match -t against the titles joined by single spaces.
    alternatives = "|".join(re.escape(n.replace(NAME_SEPARATOR, " ")) for n in dict.fromkeys(names))
    return files, f"^(?:{alternatives})$"


def selected(entries: Sequence[str]) -> set[str] | None:
    """The ids asked for, when entries name single tests: both runners report the others as skipped."""
    ids = {e for e in entries if ID_SEPARATOR in e}
    return ids or None


def parse_report(repo: Path, report: Path, result: CommandResult, only: set[str] | None = None) -> list[TestResult]:
    """Per-test results from a jest-shaped JSON report; one `error` result per file that did not load.

    With `only`, tests outside it are left out: they were filtered by name, not skipped by the suite.
    """
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    tests: list[TestResult] = []
    root = repo.resolve()
    for suite in data.get("testResults", []):
        rel = _relative(root, str(suite.get("name", "?")))
        cases = suite.get("assertionResults") or []
        for case in cases:
            titles = [*case.get("ancestorTitles", []), case.get("title", "?")]
            test_id = f"{rel}{ID_SEPARATOR}{NAME_SEPARATOR.join(titles)}"
            if only is not None and test_id not in only:
                continue
            failures = case.get("failureMessages") or []
            tests.append(TestResult(
                id=test_id,
                status=_STATUS.get(str(case.get("status")), "error"),
                duration_s=round(float(case.get("duration") or 0) / 1000, 4),
                message=_first_line(failures[0]) if failures else None,
            ))
        if not cases and suite.get("status") == "failed":
            tests.append(TestResult(id=f"{rel}{ID_SEPARATOR}(file)", status="error",
                                    message=_first_line(str(suite.get("message") or "the file failed to load"))))
    return tests


def _relative(root: Path, name: str) -> str:
    path = Path(name)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _first_line(message: str) -> str | None:
    """The message without colours, stack frames and jest's `●` headers: up to three lines, joined."""
    lines = [line.strip() for line in _ANSI.sub("", message).splitlines() if line.strip()]
    meaningful = [line for line in lines if not line.startswith(("●", "at ", "|", ">")) and not line[:1].isdigit()]
    return " ".join((meaningful or lines)[:3])[:500] or None
