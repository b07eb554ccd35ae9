"""Coverage delta: line and branch coverage of the target files before the new tests and after them.

Measured with coverage.py in the repo's own interpreter, inside the sandbox; data and JSON
reports live in the runtime's `.assay/tmp` folder. Two runs (existing tests; existing + new)
go side by side on the 2 cores.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from agent.runners.base import REPORT_DIR
from agent.runners.pytest import repo_python
from agent.sandbox import Sandbox


def coverage_delta(sandbox: Sandbox, repo: Path, targets: Sequence[str], existing: Sequence[str],
                   new: Sequence[str], timeout: float) -> dict[str, Any]:
    """`{"before": {...}, "after": {...}, "summary": ...}` for the Python `targets`, or why it was skipped."""
    files = [t for t in targets if t.endswith(".py") and (repo / t).is_file()]
    if not files:
        return {"summary": "coverage delta skipped: no Python target files named in the test surface"}
    with ThreadPoolExecutor(max_workers=2) as pool:
        before_job = pool.submit(_measure, sandbox, repo, files, list(existing), timeout)
        after_job = pool.submit(_measure, sandbox, repo, files, [*existing, *new], timeout)
        before, after = before_job.result(), after_job.result()
    if "error" in after:
        return {"summary": f"coverage delta skipped: {after['error']}"}
    return {
        "before": before, "after": after,
        "summary": (f"target lines {before.get('lines', 0):.1f}% -> {after['lines']:.1f}%, branches "
                    f"{before.get('branches', 0):.1f}% -> {after['branches']:.1f}% ({', '.join(files)})"),
    }


def _measure(sandbox: Sandbox, repo: Path, files: list[str], tests: list[str], timeout: float) -> dict[str, Any]:
    if not tests:
        return {"lines": 0.0, "branches": 0.0, "tests": 0}
    stem = repo / REPORT_DIR / f"coverage-{uuid.uuid4().hex[:10]}"
    stem.parent.mkdir(parents=True, exist_ok=True)
    python = repo_python(repo)
    data, report = f"{stem}.data", f"{stem}.json"
    include = ",".join(str(repo / f) for f in files)
    command = [python, "-m", "coverage", "run", "--branch", f"--data-file={data}", f"--include={include}", "-m",
               "pytest", "-q", "-p", "no:cacheprovider", *tests]
    try:
        ran = sandbox.run(command, cwd=repo, timeout=timeout)
        if "No module named coverage" in ran.output:
            return {"error": "coverage.py is not installed in the repo's interpreter"}
        sandbox.run([python, "-m", "coverage", "json", f"--data-file={data}", "-o", report, f"--include={include}"],
                    cwd=repo, timeout=60)
        totals = json.loads(Path(report).read_text())["totals"]
    except (OSError, ValueError, KeyError) as exc:
        return {"error": f"no coverage data ({type(exc).__name__})"}
    finally:
        for leftover in (data, report):
            Path(leftover).unlink(missing_ok=True)
    branches = totals.get("num_branches", 0)
    return {
        "lines": round(100.0 * totals["covered_lines"] / max(totals["num_statements"], 1), 1),
        "branches": round(100.0 * totals.get("covered_branches", 0) / branches, 1) if branches else 100.0,
        "missing_lines": totals.get("missing_lines", 0),
        "tests": len(tests),
    }
