"""Coverage delta: line and branch coverage of the target files before the new tests and after them.

Measured with coverage.py in the repo's own interpreter, inside the sandbox; data and JSON reports live
in the sandbox's scratch folder, outside the repo. "Before" is a `coverage run` of the existing tests (none: 0%).
"After" is what the existing tests and the new ones execute together. Under the proof driver the new
tests' share comes from its traced run (`agent.proof.mutation.prove`, the run that also maps tests to
lines for the mutants), so no extra pytest session is spent on it: with no existing tests that run is
the whole "after"; with some, its data is combined with the "before" data (coverage is the union of
what ran). `coverage_delta` measures both sides with their own runs, for when no traced run happened.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from agent.outcome import CoverageCheck
from agent.runners.pytest import repo_python
from agent.sandbox import Sandbox

_COMBINE = """
import json, sys
import coverage
data, report, include, parts = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
cov = coverage.Coverage(data_file=data, branch=True, include=include)
cov.combine(parts, keep=True)
cov.save()
cov.json_report(outfile=report, include=include)
"""


def coverage_files(repo: Path, targets: Sequence[str]) -> list[str]:
    """The Python files among the test surface's targets."""
    return [t for t in targets if t.endswith(".py") and (repo / t).is_file()]


def skipped(reason: str) -> CoverageCheck:
    """The check when no delta could be measured."""
    return CoverageCheck(summary=f"coverage delta skipped: {reason}")


def coverage_delta(sandbox: Sandbox, repo: Path, targets: Sequence[str], existing: Sequence[str],
                   new: Sequence[str], timeout: float) -> CoverageCheck:
    """`{"before": {...}, "after": {...}, "summary": ...}` for the Python `targets`, or why it was skipped."""
    files = coverage_files(repo, targets)
    if not files:
        return skipped("no Python target files named in the test surface")
    with ThreadPoolExecutor(max_workers=2) as pool:
        before_job = pool.submit(measure, sandbox, repo, files, list(existing), timeout)
        after_job = pool.submit(measure, sandbox, repo, files, [*existing, *new], timeout)
        before, after = before_job.result(), after_job.result()
    return delta(files, before, after)


def delta(files: Sequence[str], before: dict[str, Any], after: dict[str, Any]) -> CoverageCheck:
    """The check from the two measurements."""
    if "error" in after:
        return skipped(after["error"])
    return CoverageCheck(
        before=before, after=after,
        summary=(f"target lines {before.get('lines', 0):.1f}% -> {after['lines']:.1f}%, branches "
                 f"{before.get('branches', 0):.1f}% -> {after['branches']:.1f}% ({', '.join(files)})"),
    )


def after_traced(sandbox: Sandbox, repo: Path, files: Sequence[str], before_data: Path | None, traced: bytes,
                 tests: int, timeout: float) -> dict[str, Any]:
    """"After" as the union of the existing tests' data (`before_data`) and the traced run's (`traced`)."""
    scratch = sandbox.scratch
    data, report = scratch.output("coverage.data"), scratch.output("coverage.json")
    include = ",".join(str(repo / f) for f in files)
    part = None
    try:
        part = scratch.write_input(f"coverage-{data.name}.traced", traced)
        parts = [str(p) for p in (before_data, part) if p is not None]
        sandbox.run([repo_python(repo), "-c", _COMBINE, str(data), str(report), include, *parts], cwd=repo,
                    timeout=timeout)
        return {**_percentages(json.loads(scratch.read(report))["totals"]), "tests": tests}
    except (OSError, ValueError, KeyError) as exc:
        return {"error": f"no coverage data ({type(exc).__name__})"}
    finally:
        for leftover in (part, data, report):
            if leftover is not None:
                scratch.discard(leftover)


def measure(sandbox: Sandbox, repo: Path, files: Sequence[str], tests: Sequence[str], timeout: float,
            keep: Path | None = None) -> dict[str, Any]:
    """Coverage of `files` by a `coverage run` of `tests`; its data file stays at `keep` when given."""
    if not tests:
        return {"lines": 0.0, "branches": 0.0, "tests": 0}
    scratch = sandbox.scratch
    python = repo_python(repo)
    data, report = str(keep or scratch.output("coverage.data")), str(scratch.output("coverage.json"))
    include = ",".join(str(repo / f) for f in files)
    command = [python, "-m", "coverage", "run", "--branch", f"--data-file={data}", f"--include={include}", "-m",
               "pytest", "-q", "-p", "no:cacheprovider", *tests]
    try:
        ran = sandbox.run(command, cwd=repo, timeout=timeout)
        if "No module named coverage" in ran.output:
            return {"error": "coverage.py is not installed in the repo's interpreter"}
        sandbox.run([python, "-m", "coverage", "json", f"--data-file={data}", "-o", report, f"--include={include}"],
                    cwd=repo, timeout=60)
        totals = json.loads(scratch.read(Path(report)))["totals"]
    except (OSError, ValueError, KeyError) as exc:
        return {"error": f"no coverage data ({type(exc).__name__})"}
    finally:
        for leftover in ([] if keep else [data]) + [report]:
            scratch.discard(Path(leftover))
    return {**_percentages(totals), "tests": len(tests)}


def from_totals(totals: dict[str, Any], tests: int) -> dict[str, Any]:
    """A measurement from coverage.py's JSON totals."""
    return {**_percentages(totals), "tests": tests}


def _percentages(totals: dict[str, Any]) -> dict[str, Any]:
    branches = totals.get("num_branches", 0)
    return {
        "lines": round(100.0 * totals["covered_lines"] / max(totals["num_statements"], 1), 1),
        "branches": round(100.0 * totals.get("covered_branches", 0) / branches, 1) if branches else 100.0,
        "missing_lines": totals.get("missing_lines", 0),
    }
