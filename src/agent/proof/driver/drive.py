"""Driver entry: read the spec, start the zygote beside the traced run, schedule the flake reruns and the
mutant jobs on one token pool, and write the result file (see `protocol.py` for both files' shapes)."""

import contextlib
import json
import os
import sys
import time
from typing import Any

from .imports import _load_plugins, _preimport
from .mutants import _plan_mutants, _swappable
from .pool import _Pool, _token_pipe
from .reruns import _run  # noqa: F401  (the job kinds are loaded before any fork: every child inherits them)
from .state import _SPEC, _TOKENS, T0, _write
from .traced import _map  # noqa: F401
from .zygote import _poll_zygote, _send_zygote, _start_zygote, _swapped


def main(spec_path):
    spec = _SPEC  # one dict: the forked children read their jobs' details from it
    with open(spec_path, encoding="utf-8") as handle:
        spec.update(json.load(handle))
    os.makedirs(spec.get("work") or ".", exist_ok=True)
    root = spec["root"]
    os.chdir(root)
    sys.path[0] = root  # as `python -m pytest` run from the repo would have it
    _preimport(spec["preimport"], root)
    import pytest  # noqa: F401  (loaded once, shared by every child)

    _load_plugins()

    work = spec.get("work") or os.path.dirname(os.path.abspath(spec_path))
    started = time.monotonic()
    deadline = started + spec["budget"]
    import gc

    gc.freeze()
    _TOKENS.extend(_token_pipe(spec["workers"]))
    # The zygote starts collecting now, beside the mapping run; it gets its jobs once the mapping is known.
    zygote = _start_zygote(spec, work) if any(not m["module_level"] and _swappable(m) for m in spec["mutants"]) \
        else None
    timings: dict[str, Any] = {"start-up": round(time.monotonic() - T0, 3)}
    if spec.get("go") and not _await_go(spec, zygote, timings, deadline):
        return
    traced = bool(spec["map_tests"]) and bool(spec["mutants"] or spec.get("coverage"))
    # One pool for the mapping run, the flake reruns and the re-imported mutants; the zygote's swap children draw
    # on the same tokens, so every phase overlaps the others and no core idles while a job waits.
    pool = _Pool(work, deadline)
    if traced:
        pool.add("map", ("map", None, None), spec["map_timeout"])
    for index, run in enumerate(spec["runs"]):
        pool.add(f"run-{index}", ("run", index, run["tests"]), spec["map_timeout"])
    mapping = {} if traced else {"status": "not run"}
    cpu = {}
    verdicts: dict[int, Any] = {}
    zygote_jobs, timeout = None, 0.0
    while pool.busy() or zygote:
        for key, verdict in pool.step():
            if key == "map":
                mapping = verdict
                timings["mapping"] = round(time.monotonic() - T0, 3)
                if mapping.get("status") == "done" and spec["mutants"]:
                    timeout, swaps, reimports = _plan_mutants(spec, mapping, verdicts, zygote is not None)
                    if zygote:
                        zygote_jobs = swaps
                        _send_zygote(zygote, {"jobs": swaps, "timeout": timeout, "deadline": deadline,
                                              "modules": mapping.get("modules", [])})
                    # What the unmutated run imported from outside the repo, imported here too (after the zygote
                    # has its jobs: this takes a while), so the children forked from now on inherit it.
                    _preimport(mapping.get("modules", []), root)
                    gc.freeze()
                    for job in reimports:
                        pool.add(("mutant", job[1]), job, timeout, first=True)
                elif zygote:
                    _send_zygote(zygote, None)
            elif isinstance(key, tuple):
                verdicts[key[1]] = verdict
        if zygote and (done := _poll_zygote(zygote, deadline + spec["map_timeout"])) is not None:
            zygote = None
            cpu["zygote"] = _swapped(done, zygote_jobs or [], verdicts, pool, timeout)
            timings.update(done.get("timings") or {})
            timings["swapped mutants"] = round(time.monotonic() - T0, 3)
        if not pool.busy() and not zygote:
            break
        time.sleep(0.005)
    timings["done"] = round(time.monotonic() - T0, 3)
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu.update({"driver": round(own.ru_utime + own.ru_stime, 3), "mapping": mapping.get("cpu", 0.0),
                "reruns": round(sum(v.get("cpu", 0.0) for k, v in pool.done.items() if str(k).startswith("run-")), 3),
                "mutants": round(sum(v.get("cpu", 0.0) for v in verdicts.values()), 3)})
    timings["cpu"] = cpu
    result = {"runs": [{"label": r["label"], **pool.done.get(f"run-{i}", {"status": "not run"})}
                       for i, r in enumerate(spec["runs"])],
              "mapping": mapping, "mutants": [], "timings": timings}
    if mapping.get("status") == "done":
        result["mutants"] = [{"id": m["id"], **verdicts.get(m["id"], {"status": "not run", "reason": "budget"})}
                             for m in spec["mutants"]]
    _write(spec["out"], result)


def _await_go(spec, zygote, timings, deadline):
    """Wait for the runtime's go-ahead with the jobs (tests, reruns, traced ids), written once its first test run
    is done: the start-up above overlaps that run. False (and the result written) when cancelled or never given."""
    go = None
    while not os.path.exists(spec["go"]) and time.monotonic() < deadline:
        time.sleep(0.005)
    with contextlib.suppress(OSError, ValueError), open(spec["go"], encoding="utf-8") as handle:
        go = json.load(handle)
    timings["go"] = round(time.monotonic() - T0, 3)
    if go and not go.get("cancel"):
        spec.update(go)
        return True
    if zygote:
        _send_zygote(zygote, None)
        _poll_zygote(zygote, time.monotonic() + 10.0, wait=True)
    _write(spec["out"], {"cancelled": True, "runs": [], "mapping": {"status": "not run"}, "mutants": [],
                         "timings": timings})
    return False
