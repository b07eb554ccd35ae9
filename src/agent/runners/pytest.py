"""pytest, read through its JUnit XML report (the xunit1 family, which names each case's file)."""

from __future__ import annotations

import re
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
    """Adapter for pytest. Test ids are pytest node ids (`tests/test_x.py::TestCls::test_a[1]`)."""

    name = "pytest"

    def detect(self, repo: Path) -> bool:
        if any((repo / name).exists() for name in _CONFIGS):
            return True
        pyproject = repo / "pyproject.toml"
        if pyproject.exists() and "pytest" in pyproject.read_text(errors="replace"):
            return True
        return any(repo.glob("*.py")) or any(repo.glob("*/*.py"))

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        # xunit1 keeps a `file` attribute per case: with it, class and parametrised ids come back exactly.
        return [
            repo_python(repo), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1",
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


def node_id(classname: str, name: str, file: str | None) -> str:
    """The pytest node id of a JUnit case: pytest writes `classname` as the dotted file path plus the classes."""
    if not file:
        return f"{classname.replace('.', '/')}.py::{name}"
    dotted = re.sub(r"\.py$", "", file).replace("/", ".").replace("\\", ".")
    classes = classname[len(dotted) + 1:] if classname.startswith(dotted + ".") else ""
    return "::".join([file.replace("\\", "/"), *(c for c in classes.split(".") if c), name])


def _case(case: ET.Element) -> TestResult:
    test_id = node_id(case.get("classname", ""), case.get("name", "?"), case.get("file"))
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
