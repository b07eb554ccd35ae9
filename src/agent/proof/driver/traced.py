"""The traced run: the new tests unmutated, under coverage.py (one context per test) or a Python line tracer:
which test reaches which target line, and the line/branch coverage of the targets."""

import contextlib
import json
import os
import sys
from typing import Any

from .imports import _outside_modules
from .recorder import _pytest_args, _Recorder
from .state import IMPORT, _write


def _map(job, spec, out):
    """The traced run: every new test, unmutated; which test reaches which target line (and, with coverage.py,
    the line and branch coverage the new tests give the targets)."""
    import pytest

    recorder = _Recorder()
    args = [*_pytest_args(spec["map_tests"]), "--assert=plain", "--tb=line"]
    # coverage.py's C tracer is far cheaper than a Python one, so it maps even when no coverage figures are asked.
    data = (spec.get("coverage") or {}).get("data") or os.path.join(os.path.dirname(out), "traced.coverage")
    cov = _coverage(data, spec["targets"])
    if cov is None:
        hits, code = _traced(recorder, lambda: pytest.main(args, plugins=[recorder]), spec["targets"])
        lines: dict[str, dict[str, list[str]]] = {}
        for (path, line), tests in hits.items():
            lines.setdefault(path, {})[str(line)] = sorted(tests)
        coverage = {"error": "coverage.py is not installed in the repo's interpreter"} if spec.get("coverage") \
            else None
    else:
        # Its per-test contexts give the same mapping as the Python tracer's `recorder.current`.
        recorder.switch = cov.switch_context
        cov.start()
        cov.switch_context(IMPORT)
        try:
            code = pytest.main(args, plugins=[recorder])
        finally:
            cov.stop()
        cov.save()
        lines, coverage = _covered(cov, spec)
    _write(out, {"job": "map", "status": "done", "exit_code": int(code), "outcomes": recorder.outcomes,
                 "messages": recorder.messages, "lines": lines, "coverage": coverage,
                 "modules": _outside_modules(spec["root"])})
    return 0


def _coverage(data, targets):
    """A coverage.py collector for the target files, honouring the repo's own coverage config; None without it."""
    try:
        import coverage
    except ImportError:
        return None
    cov = coverage.Coverage(data_file=data, branch=True, include=targets, config_file=True)
    cov.set_option("run:dynamic_context", None)  # the contexts are the test ids this run switches to
    cov.set_option("run:parallel", False)  # the data file is read back by exactly this name
    return cov


def _covered(cov, spec):
    """Per target file, line -> tests that ran it; and the totals of coverage's JSON report for the targets."""
    data = cov.get_data()
    targets = {os.path.realpath(t) for t in spec["targets"]}
    lines = {}
    for measured in data.measured_files():
        real = os.path.realpath(measured)
        if real in targets:
            by_line = data.contexts_by_lineno(measured)
            lines[real] = {str(line): sorted(tests) for line, tests in by_line.items()}
    if not spec.get("coverage"):
        return lines, None
    report = spec["coverage"]["data"] + ".json"
    try:
        cov.json_report(outfile=report, include=spec["coverage"]["include"])
        with open(report, encoding="utf-8") as handle:
            totals = json.load(handle)["totals"]
    except Exception as exc:  # coverage raises its own NoDataError and friends
        return lines, {"error": f"no coverage data ({type(exc).__name__})"}
    finally:
        with contextlib.suppress(OSError):
            os.unlink(report)
    return lines, {"totals": totals}


def _traced(recorder, run, target_paths):
    """Run `run()` under a Python line tracer on the target files: (path, line) -> tests that ran it."""
    targets = {os.path.realpath(t) for t in target_paths}
    hits: dict[Any, set[str]] = {}
    names: dict[str, str | None] = {}

    def local(frame, event, arg):
        if event == "line":
            hits.setdefault((names[frame.f_code.co_filename], frame.f_lineno), set()).add(recorder.current)
        return local

    def global_trace(frame, event, arg):
        filename = frame.f_code.co_filename
        if filename not in names:
            real = os.path.realpath(filename)
            names[filename] = real if real in targets else None
        if names[filename] is None:
            return None
        hits.setdefault((names[filename], frame.f_lineno), set()).add(recorder.current)
        return local

    import threading

    threading.settrace(global_trace)
    sys.settrace(global_trace)
    try:
        code = run()
    finally:
        sys.settrace(None)
        threading.settrace(None)
    return hits, code
