"""pytest, read through its JUnit XML report."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from agent.outcome import TestResult, TestStatus
from agent.sandbox import CommandResult

_CONFIGS = ("pytest.ini", "conftest.py", "tox.ini", "setup.cfg")


def repo_python(repo: Path) -> str:
    """The repo's own virtualenv interpreter when it has one, else the one running assay."""
    for venv in (".venv", "venv", "env"):
        candidate = repo / venv / "bin" / "python"
        if candidate.exists():
            return str(candidate)
    return sys.executable


class PytestRunner:
    """Adapter for pytest."""

    name = "pytest"

    def detect(self, repo: Path) -> bool:
        if any((repo / name).exists() for name in _CONFIGS):
            return True
        pyproject = repo / "pyproject.toml"
        if pyproject.exists() and "pytest" in pyproject.read_text(errors="replace"):
            return True
        return any(repo.glob("*.py")) or any(repo.glob("*/*.py"))

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        return [
            repo_python(repo), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit2",
            f"--junitxml={report}", *extra, *test_files,
        ]

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        if not report.exists():
            return []
        try:
            root = ET.parse(report).getroot()
        except ET.ParseError:
            return []
        return [_case(case) for case in root.iter("testcase")]


def _case(case: ET.Element) -> TestResult:
    classname = case.get("classname", "")
    file = case.get("file") or classname.replace(".", "/") + ".py"
    test_id = f"{file}::{case.get('name', '?')}"
    status: TestStatus = "passed"
    message: str | None = None
    for child in case:
        tag = child.tag
        text = child.get("message") or (child.text or "")
        if tag == "failure":
            status, message = ("failed", text)
            if "[XPASS(strict)]" in text:
                status = "xpassed"
        elif tag == "error":
            status, message = "error", text
        elif tag == "skipped":
            status = "xfailed" if child.get("type") == "pytest.xfail" else "skipped"
            message = text
    if message:
        message = message.strip().splitlines()[0][:500] if message.strip() else None
    return TestResult(id=test_id, status=status, duration_s=float(case.get("time", 0) or 0), message=message)
