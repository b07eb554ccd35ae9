"""The zygote: collect the new tests once, index the target functions, then fork a child per swap job that
swaps the mutated code objects in place and runs the selected items."""

import contextlib
import json
import os
import time
import types
from typing import Any

from .imports import _preimport
from .mutants import _code_objects
from .pool import _child, _kill, _Pool, _verdict
from .recorder import _pytest_args
from .state import _ZYGOTE, T0, _write


def _swapped(done, jobs, verdicts, pool, timeout):
    """Take the zygote's verdicts; a swap it could not judge (collection failed, its child errored) is re-imported.
    Returns the zygote's own CPU seconds."""
    ran = done.get("verdicts") or {}
    for job in jobs:
        if str(job[1]) in ran:
            verdicts[job[1]] = ran[str(job[1])]
        else:
            pool.add(("mutant", job[1]), ("mutant", job[1], job[2]), timeout, first=True)
    return round(done.get("cpu", 0.0) - sum(v.get("cpu", 0.0) for v in ran.values()), 3)


def _start_zygote(spec, work):
    read, write = os.pipe()
    out = os.path.join(work, "job-zygote.json")
    pid = os.fork()
    if pid == 0:
        os.close(write)
        _ZYGOTE["pipe"] = read
        _child(("zygote", None, None), out)
    os.close(read)
    return pid, write, out, time.monotonic()


def _send_zygote(zygote, message):
    """The zygote's jobs (None: nothing to do); it runs them and exits."""
    data = json.dumps(message).encode() + b"\n"
    with contextlib.suppress(OSError):  # it gave up during collection; its result file says why
        while data:
            data = data[os.write(zygote[1], data):]
    with contextlib.suppress(OSError):
        os.close(zygote[1])


def _poll_zygote(zygote, deadline, wait=False):
    """The zygote's result once it has exited (killed after `deadline`), else None (`wait`: until then)."""
    pid, _, out, start = zygote
    waited, status, usage = os.wait4(pid, os.WNOHANG)
    while wait and not waited and time.monotonic() < deadline:
        time.sleep(0.005)
        waited, status, usage = os.wait4(pid, os.WNOHANG)
    if not waited:
        if time.monotonic() < deadline:
            return None
        _kill(pid)
        _, _, usage = os.wait4(pid, 0)
        status = 0
    # The zygote's own share: its children's time is counted in their verdicts.
    cpu = usage.ru_utime + usage.ru_stime
    return {**_verdict(out, status, time.monotonic() - start), "cpu": round(cpu, 3)}


def _zygote(job, spec, out):
    """Collect the new tests once, index the target functions, then fork a child per swap job it is sent."""
    import gc

    from _pytest.config import _prepareconfig
    from _pytest.main import Session

    tests = spec["collect"]
    if not tests:  # pytest would collect the whole repo
        _write(out, {"job": "zygote", "status": "fallback", "reason": "nothing to collect"})
        return 0
    try:
        config = _prepareconfig([*_pytest_args(tests), "--assert=plain", "--tb=line"], plugins=[])
        config._do_configure()
        session = Session.from_config(config)
        config.hook.pytest_sessionstart(session=session)
        session.perform_collect()
    except BaseException as exc:  # the re-import path still judges these mutants
        _write(out, {"job": "zygote", "status": "fallback", "reason": f"{type(exc).__name__}: {exc}"[:300]})
        return 0
    targets = {os.path.realpath(t) for t in spec["targets"]}
    real = {}
    functions: dict[Any, list[Any]] = {}
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType):
            filename = obj.__code__.co_filename
            if filename not in real:
                real[filename] = os.path.realpath(filename)
            if real[filename] in targets:
                functions.setdefault((real[filename], obj.__code__.co_qualname), []).append(obj)
    _ZYGOTE.update(items={item.nodeid: item for item in session.items}, functions=functions)
    gc.freeze()  # children must not walk (and so copy-on-write) the whole inherited heap when they collect
    collected = round(time.monotonic() - T0, 3)
    data = b""
    # One line: children forked by the driver since the zygote started hold the pipe's write end too, so its
    # end of file would only come when they all exit.
    while not data.endswith(b"\n") and (chunk := os.read(_ZYGOTE["pipe"], 65536)):
        data += chunk
    message = json.loads(data or b"null")
    if not message:
        return 0
    received = round(time.monotonic() - T0, 3)
    # What the first test imports lazily (the driver saw it in the mapping run) is imported once, not per child.
    _preimport(message.get("modules", []), spec["root"])
    gc.freeze()
    _ZYGOTE["timings"] = {"zygote collected": collected, "zygote got jobs": received,
                          "zygote ready": round(time.monotonic() - T0, 3)}
    pool = _Pool(os.path.dirname(out), message["deadline"])
    for job in message["jobs"]:
        pool.add(job[1], tuple(job), message["timeout"])
    while pool.busy():
        pool.step()
        time.sleep(0.005)
    verdicts = {str(k): v for k, v in pool.done.items() if v.get("status") not in ("not run", "error")}
    _write(out, {"job": "zygote", "status": "done", "verdicts": verdicts, "timings": _ZYGOTE["timings"]})
    return 0


def _swap(job, spec, out):
    from _pytest.runner import runtestprotocol

    _, mutant_id, tests = job
    mutant = next(m for m in spec["mutants"] if m["id"] == mutant_id)
    codes = _code_objects(compile(mutant["source"], mutant["abspath"], "exec", dont_inherit=True))
    path = os.path.realpath(mutant["abspath"])
    swapped = 0
    for qualname in mutant["scope"]:
        for function in _ZYGOTE["functions"].get((path, qualname), []):
            function.__code__ = codes[qualname]
            swapped += 1
    if not swapped:
        _write(out, {"job": mutant_id, "loaded": False})
        return 0
    items = [_ZYGOTE["items"][t] for t in tests if t in _ZYGOTE["items"]]
    failure = None
    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        reports = runtestprotocol(item, nextitem=following, log=False)
        failed = next((r for r in reports if r.failed), None)
        if failed is not None:
            message = str(getattr(failed, "longreprtext", "") or "").strip().splitlines()
            failure = {"test": item.nodeid, "message": (message[-1] if message else "")[:300]}
            break
    _write(out, {"job": mutant_id, "loaded": True, "killed_by": failure, "tests": len(items), "via": "swap"})
    return 1 if failure else (0 if items else 5)
