"""`go test -json`, read from its event stream (written to the report file, so the output cap never cuts it)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from agent.outcome import TestResult, TestStatus
from agent.sandbox import CommandResult

_STATUS: dict[str, TestStatus] = {"pass": "passed", "fail": "failed", "skip": "skipped"}


def go_available() -> str | None:
    """None when a `go` toolchain is on PATH, else why the Go runner cannot run here."""
    return None if shutil.which("go") else "the go toolchain is not installed (no `go` on PATH)"


class GoTestRunner:
    """Adapter for `go test`. Test ids are `dir/x_test.go::TestName` (subtests `TestName/case`)."""

    name = "go"

    def detect(self, repo: Path) -> bool:
        return (repo / "go.mod").exists()

    def command(self, repo: Path, test_files: Sequence[str], report: Path, extra: Sequence[str] = ()) -> list[str]:
        packages: list[str] = []
        names: list[str] = []
        for entry in test_files:
            file, sep, name = entry.partition("::")
            parent = PurePosixPath(file).parent.as_posix()
            package = "./" if parent == "." else f"./{parent}"
            if package not in packages:
                packages.append(package)
            if sep:
                names.append(re.escape(name.split("/", 1)[0]))
        argv = ["go", "test", "-json", "-count=1"]
        if names:
            argv.append(f"-run=^(?:{'|'.join(dict.fromkeys(names))})$")
        argv += [*extra, *(packages or ["./..."])]
        # go prints the event stream on stdout; the shell sends it to the report, past the sandbox's output cap.
        return ["/bin/sh", "-c", f"{shlex.join(argv)} > {shlex.quote(str(report))}"]

    def parse(self, repo: Path, report: Path, result: CommandResult) -> list[TestResult]:
        try:
            lines = report.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []
        return parse_events(repo, lines)


def parse_events(repo: Path, lines: Sequence[str]) -> list[TestResult]:
    """Per-test results from `go test -json` lines; a package that failed to build becomes one `error` result."""
    module = _module_path(repo)
    output: dict[tuple[str, str], list[str]] = {}
    results: list[TestResult] = []
    package_failed: dict[str, str] = {}
    seen_packages: set[str] = set()
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        package, test, action = event.get("Package", ""), event.get("Test"), event.get("Action")
        if not test:
            if action == "fail":
                package_failed[package] = "".join(output.get((package, ""), []))
            elif action == "output":
                output.setdefault((package, ""), []).append(event.get("Output", ""))
            continue
        seen_packages.add(package)
        key = (package, test)
        if action == "output":
            output.setdefault(key, []).append(event.get("Output", ""))
        elif action in _STATUS:
            directory = _package_dir(package, module)
            status = _STATUS[action]
            results.append(TestResult(
                id=f"{_test_file(repo, directory, test)}::{test}", status=status,
                duration_s=float(event.get("Elapsed") or 0),
                message=_failure_line(output.get(key, [])) if status == "failed" else None,
            ))
    for package, text in package_failed.items():
        if package not in seen_packages:
            directory = _package_dir(package, module)
            results.append(TestResult(id=f"{directory}::(package)", status="error",
                                      message=_failure_line(text.splitlines()) or "the package failed to build"))
    return results


def _module_path(repo: Path) -> str:
    try:
        match = re.search(r"^module\s+(\S+)", (repo / "go.mod").read_text(encoding="utf-8"), re.M)
    except OSError:
        return ""
    return match.group(1) if match else ""


def _package_dir(package: str, module: str) -> str:
    if module and package == module:
        return "."
    if module and package.startswith(module + "/"):
        return package[len(module) + 1:]
    return package


def _test_file(repo: Path, directory: str, test: str) -> str:
    """The `_test.go` file that declares the top-level test, so ids start with the file like other runners'."""
    top = test.split("/", 1)[0]
    declaration = re.compile(rf"^func\s+{re.escape(top)}\s*\(", re.M)
    folder = repo / directory
    for candidate in sorted(folder.glob("*_test.go")) if folder.is_dir() else []:
        try:
            if declaration.search(candidate.read_text(encoding="utf-8", errors="replace")):
                return candidate.relative_to(repo).as_posix()
        except OSError:
            continue
    return directory


def _failure_line(chunks: Sequence[str]) -> str | None:
    lines = [c.strip() for c in "".join(chunks).splitlines() if c.strip()]
    useful = [line for line in lines if not line.startswith(("=== RUN", "--- FAIL", "=== PAUSE", "=== CONT", "FAIL"))]
    return (useful or lines or [""])[0][:500] or None
