"""Coverage delta: line and branch coverage of the target files before the new tests and after them.

Measured with coverage.py in the repo's own interpreter, inside the sandbox; data and JSON
reports live in the runtime's `.assay/tmp` folder. Two runs (existing tests; existing + new)
go side by side on the 2 cores.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from agent.runners.base import REPORT_DIR
from agent.runners.pytest import repo_python
from agent.sandbox import Sandbox

PLUGIN = Path(__file__).with_name("coverage_contexts.py")


LineTests = dict[str, dict[int, list[str]]]
"""Target file -> line -> node ids of the tests that ran it (`[""]`: run at import time, by no test in particular)."""


def coverage_delta(sandbox: Sandbox, repo: Path, targets: Sequence[str], existing: Sequence[str],
                   new: Sequence[str], timeout: float) -> tuple[dict[str, Any], LineTests]:
    """The delta check for the Python `targets` (or why it was skipped), and which test reaches which line."""
    files = [t for t in targets if t.endswith(".py") and (repo / t).is_file()]
    if not files:
        return {"summary": "coverage delta skipped: no Python target files named in the test surface"}, {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        before_job = pool.submit(_measure, sandbox, repo, files, list(existing), timeout, False)
        after_job = pool.submit(_measure, sandbox, repo, files, [*existing, *new], timeout, True)
        before, after = before_job.result(), after_job.result()
    line_tests: LineTests = after.pop("line_tests", {})
    if "error" in after:
        return {"summary": f"coverage delta skipped: {after['error']}"}, {}
    return {
        "before": before, "after": after,
        "summary": (f"target lines {before.get('lines', 0):.1f}% -> {after['lines']:.1f}%, branches "
                    f"{before.get('branches', 0):.1f}% -> {after['branches']:.1f}% ({', '.join(files)})"),
    }, line_tests


def _measure(sandbox: Sandbox, repo: Path, files: list[str], tests: list[str], timeout: float,
             contexts: bool) -> dict[str, Any]:
    if not tests:
        return {"lines": 0.0, "branches": 0.0, "tests": 0}
    folder = repo / REPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"coverage-{uuid.uuid4().hex[:10]}"
    python = repo_python(repo)
    data, report, plugin = f"{stem}.data", f"{stem}.json", folder / f"{stem.name}_ctx.py"
    include = ",".join(str(repo / f) for f in files)
    extra = ["-p", plugin.stem] if contexts else []
    command = [python, "-m", "coverage", "run", "--branch", f"--data-file={data}", f"--include={include}", "-m",
               "pytest", "-q", "-p", "no:cacheprovider", *extra, *tests]
    try:
        if contexts:
            shutil.copy2(PLUGIN, plugin)
        ran = sandbox.run(command, cwd=repo, timeout=timeout, env={"PYTHONPATH": str(folder)} if contexts else None)
        if "No module named coverage" in ran.output:
            return {"error": "coverage.py is not installed in the repo's interpreter"}
        sandbox.run([python, "-m", "coverage", "json", f"--data-file={data}", "-o", report, f"--include={include}",
                     *(["--show-contexts"] if contexts else [])], cwd=repo, timeout=60)
        parsed = json.loads(Path(report).read_text())
        totals = parsed["totals"]
    except (OSError, ValueError, KeyError) as exc:
        return {"error": f"no coverage data ({type(exc).__name__})"}
    finally:
        for leftover in (data, report, plugin):
            Path(leftover).unlink(missing_ok=True)
    branches = totals.get("num_branches", 0)
    return {
        "lines": round(100.0 * totals["covered_lines"] / max(totals["num_statements"], 1), 1),
        "branches": round(100.0 * totals.get("covered_branches", 0) / branches, 1) if branches else 100.0,
        "missing_lines": totals.get("missing_lines", 0),
        "tests": len(tests),
        **({"line_tests": _line_tests(repo, parsed)} if contexts else {}),
    }


def _line_tests(repo: Path, parsed: dict[str, Any]) -> LineTests:
    result: LineTests = {}
    for path, info in parsed.get("files", {}).items():
        rel = Path(path).resolve().relative_to(repo.resolve()).as_posix() if Path(path).is_absolute() else path
        result[rel] = {int(line): sorted(set(ctx)) for line, ctx in info.get("contexts", {}).items()}
    return result
