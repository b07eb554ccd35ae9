"""What one attempt left, read back for the report's drill-down: the tests it wrote, the seeded bugs its tests
caught or missed, the runtime's checks, and a link to its run view.

Only files are read (`results.jsonl` lines, the attempt's repo, the run's record): the harness is not involved.
Everything read is untrusted text: test files go through the redactor, control characters are made visible, and
a file reached through a symlink is not read.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from agent import safefs
from agent.redact import Redactor, default_redactor
from agent.terminal import safe_text
from agent.testfiles import is_test_file, is_test_support

MAX_FILE_CHARS = 60_000
"""Test code shown per file; the rest is cut with a note."""


def _visible(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [_visible(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _visible(v) for k, v in value.items()}
    return value


def _test_code(repo: Path, rel: str) -> str:
    if safefs.has_symlink_component(repo, rel):
        return "(not shown: a symlink)"
    try:
        text = (repo / rel).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"(not readable: {exc.strerror or exc})"
    if len(text) > MAX_FILE_CHARS:
        text = text[:MAX_FILE_CHARS] + f"\n… ({len(text) - MAX_FILE_CHARS} more characters not shown)"
    return _redactor().redact(text)


@functools.cache
def _redactor() -> Redactor:
    return default_redactor()


def _run_facts(run_dir: Path) -> dict[str, Any]:
    """The runtime's verdict and check summaries from the run's outcome.json (empty when there is none)."""
    try:
        outcome = json.loads((run_dir / "outcome.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    run = outcome.get("run") if isinstance(outcome, dict) else None
    if not isinstance(run, dict):
        return {}
    checks = run.get("checks") if isinstance(run.get("checks"), dict) else {}
    return {"verified": bool(run.get("verified")), "verdict": str(run.get("verdict", "")),
            "checks": {name: str(c.get("summary", "")) for name, c in (checks or {}).items() if isinstance(c, dict)},
            "discrepancies": [str(d) for d in run.get("discrepancies", []) if isinstance(d, str)]}


def attempt_record(line: dict[str, Any], out: Path, *, views: bool = True) -> dict[str, Any]:
    """One attempt's drill-down, JSON-ready. With `views`, the run's `view.html` is written (when its record is
    there and the page is older than the transcript) and linked relative to `out`, so the folder can move."""
    from agent.view import VIEW_FILE, write_view

    attempt_dir = Path(str(line.get("attempt_dir") or ""))
    repo = attempt_dir / "repo"
    changed = [str(p) for p in line.get("changed_files") or []]
    tests = [{"path": rel, "code": _test_code(repo, rel)} for rel in changed
             if (is_test_file(rel) or is_test_support(rel)) and repo.is_dir()]
    grades = [{k: g.get(k) for k in ("name", "score", "passed", "detail", "gate", "counted", "penalty")}
              for g in line.get("grades", [])]
    bugs = next((g for g in line.get("grades", []) if g.get("name") == "bugs_detected"), None)
    record: dict[str, Any] = {
        "key": line.get("key"), "case": line.get("case"), "split": line.get("split"), "repeat": line.get("repeat"),
        "score": line.get("score"), "passed": line.get("passed"), "error": line.get("error"),
        "exit_code": line.get("exit_code"), "metrics": line.get("metrics", {}), "grades": grades,
        "bugs": (bugs or {}).get("evidence") or None, "bugs_detail": (bugs or {}).get("detail", ""),
        "changed": changed, "tests": tests, "run": {}, "view": None,
    }
    run_dir = Path(str(line["run_dir"])) if line.get("run_dir") else None
    if run_dir is not None and run_dir.is_dir():
        record["run"] = _run_facts(run_dir)
        transcript = run_dir / "transcript.jsonl"
        page = run_dir / VIEW_FILE
        if views and transcript.is_file():
            if not page.is_file() or page.stat().st_mtime < transcript.stat().st_mtime:
                write_view(run_dir)
            record["view"] = Path(os.path.relpath(page, out)).as_posix()
    return dict(_visible(record))
