"""Mutation driver: runs INSIDE the sandbox, in the repo's own interpreter (standard library + pytest).

One process imports the third-party modules the tests need once, then forks a child per job
(as mutmut 3 does), so each mutant costs a pytest session, not an interpreter start and an
import of every dependency. A child installs an import hook that serves the mutated source for
the target file, so nothing is written into the repo: the mutant lives only in that child.

Jobs: first a mapping run (the new tests, unmutated, with a line tracer on the target files: which
test reaches which line, and which lines run at import), then one child per mutant running only
the tests that reach its line, `-x`, at most `workers` children at a time, each with a timeout,
all within a budget. Reads a JSON spec (argv[1]); writes a JSON result (spec["out"]).
"""

import contextlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import signal
import sys
import time
import types

IMPORT = "<import>"
T0 = time.monotonic()


def main(spec_path):
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    root = spec["root"]
    os.chdir(root)
    sys.path[0] = root  # as `python -m pytest` run from the repo would have it
    _preimport(spec["preimport"], root)
    import pytest  # noqa: F401  (loaded once, shared by every child)

    _load_plugins()

    work = os.path.dirname(os.path.abspath(spec_path))
    started = time.monotonic()
    import gc

    gc.freeze()
    # The zygote starts collecting now, beside the mapping run; it gets its jobs once the mapping is known.
    zygote = _start_zygote(spec, work) if any(not m["module_level"] and _swappable(m) for m in spec["mutants"]) \
        else None
    # The mapping run (traced, for the mutants) and the flake reruns are independent: they go side by side.
    jobs = ([("map", None, None)] if spec["mutants"] else []) + [("run", i, r["tests"]) for i, r in
                                                                 enumerate(spec["runs"])]
    timings = {"start-up": round(time.monotonic() - T0, 3)}
    ran = _run_children(jobs, spec, work, spec["map_timeout"], started + spec["budget"])
    timings["mapping and reruns"] = round(time.monotonic() - T0, 3)
    result = {"runs": [{"label": r["label"], **v} for r, v in zip(spec["runs"], ran[-len(spec["runs"]):] if
                                                                   spec["runs"] else [], strict=True)],
              "mutants": [], "timings": timings}
    mapping = ran[0] if spec["mutants"] else {}
    result["mapping"] = mapping
    if mapping.get("status") != "done":
        if zygote:
            _finish_zygote(zygote, None, 10.0)
        _write(spec["out"], result)
        return
    # Everything the unmutated run imported from outside the repo is imported once more here, so children inherit it.
    _preimport(mapping.get("modules", []), root)
    gc.freeze()
    reach = {path: {int(k): v for k, v in lines.items()} for path, lines in mapping["lines"].items()}
    # Focused tests (those reaching the fewest target lines) first: with -x, a killed mutant stops early.
    breadth = {}
    for lines in reach.values():
        for tests in lines.values():
            for test in tests:
                breadth[test] = breadth.get(test, 0) + 1
    passing = sorted((t for t, outcome in mapping["outcomes"].items() if outcome == "passed"),
                     key=lambda t: breadth.get(t, 0))
    swaps, reimports, verdicts = [], [], {}
    for mutant in spec["mutants"]:
        tests = _tests_for(mutant, reach.get(mutant["path"], {}), passing)
        if not tests:
            verdicts[mutant["id"]] = {"status": "survived", "reason": "no new test reaches this line"}
        elif not mutant["module_level"] and _swappable(mutant):
            swaps.append(("swap", mutant["id"], tests))
        else:
            reimports.append(("mutant", mutant["id"], tests))
    # A mutant that makes the tests run 5x longer than the unmutated run (at least 10 s) has hung them.
    timeout = spec["timeout"] or max(10.0, 5 * mapping.get("seconds", 0.0))
    deadline = started + spec["budget"]
    if zygote:
        # The zygote collected the tests once (importing the repo); it forks one child per mutant that swaps the
        # mutated functions' code objects in place and runs the selected items: no pytest start-up per mutant.
        done = _finish_zygote(zygote, {"jobs": swaps, "timeout": timeout, "deadline": deadline},
                              max(1.0, deadline - time.monotonic()) + timeout).get("verdicts") or {}
        timings["swapped mutants"] = round(time.monotonic() - T0, 3)
        for job in swaps:
            if str(job[1]) in done:
                verdicts[job[1]] = done[str(job[1])]
            else:
                reimports.append(("mutant", job[1], job[2]))
    ran = _run_children(reimports, spec, work, timeout, deadline)
    for (_, mutant_id, _), verdict in zip(reimports, ran, strict=True):
        verdicts[mutant_id] = verdict
    timings["re-imported mutants"] = round(time.monotonic() - T0, 3)
    result["mutants"] = [{"id": m["id"], **verdicts.get(m["id"], {"status": "not run", "reason": "budget"})}
                         for m in spec["mutants"]]
    _write(spec["out"], result)


def _tests_for(mutant, lines, passing):
    first, last = mutant["lines"]
    hits = set()
    for line in range(first, last + 1):
        hits.update(lines.get(line, ()))
    if not hits:
        return []
    if mutant["module_level"] or IMPORT in hits:
        return list(passing)
    return [t for t in passing if t in hits]


def _preimport(names, root):
    """Import what the tests need from outside the repo; never a module of the repo itself."""
    for name in names:
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
            origin = getattr(spec, "origin", None) or ""
            locations = list(getattr(spec, "submodule_search_locations", None) or [])
            if spec is None or any(os.path.realpath(p).startswith(root + os.sep) for p in [origin, *locations] if p):
                continue
            importlib.import_module(name)
        except BaseException:  # a module that fails here is imported (and fails) in the child
            continue


def _load_plugins():
    """pytest's entry-point plugins, loaded once (children run with --assert=plain, so nothing needs rewriting)."""
    try:
        from importlib.metadata import entry_points

        plugins = list(entry_points(group="pytest11"))
    except Exception:
        return
    for plugin in plugins:
        try:
            plugin.load()
        except BaseException:  # pytest reports a broken plugin itself, in the child
            continue


def _outside_modules(root):
    """Names of loaded modules that do not come from the repo's own code (its virtualenv counts as outside)."""
    names = []
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if not origin or name == "__main__":
            continue
        real = os.path.realpath(origin)
        if real.startswith(root + os.sep) and "site-packages" not in real.split(os.sep):
            continue
        names.append(name)
    return names


def _run_children(jobs, spec, work, timeout, deadline):
    """Fork one child per job, `workers` at a time; each returns a verdict dict through its result file."""
    verdicts = [None] * len(jobs)
    running = {}
    queue = list(enumerate(jobs))
    while queue or running:
        while queue and len(running) < spec["workers"] and time.monotonic() < deadline:
            index, job = queue.pop(0)
            out = os.path.join(work, f"job-{job[0]}-{job[1]}.json")
            pid = os.fork()
            if pid == 0:
                _child(job, spec, out)
            running[pid] = (index, out, time.monotonic())
        if not running:
            break
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for child, (index, _, start) in list(running.items()):
                if now - start > timeout or now > deadline + timeout:
                    _kill(child)
                    os.waitpid(child, 0)
                    del running[child]
                    verdicts[index] = {"status": "timeout", "seconds": round(now - start, 2)}
            time.sleep(0.005)
            continue
        if pid in running:
            index, out, start = running.pop(pid)
            verdicts[index] = _verdict(out, status, time.monotonic() - start)
    return [v or {"status": "not run", "reason": "budget"} for v in verdicts]


def _kill(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _verdict(out, status, seconds):
    try:
        with open(out, encoding="utf-8") as handle:
            data = json.load(handle)
        os.unlink(out)
    except (OSError, ValueError):
        data = {}
    code = os.waitstatus_to_exitcode(status)
    data["seconds"] = round(seconds, 3)
    if data.get("job") in ("map", "zygote", "run"):
        data.setdefault("status", "error" if code else "done")
        return data
    if not data.get("loaded", True):
        return {**data, "status": "error", "reason": "the mutated module was never imported by the tests"}
    if code == 0:
        return {**data, "status": "survived"}
    if code == 5:
        return {**data, "status": "error", "reason": "the selected tests were not collected"}
    return {**data, "status": "killed", "exit_code": code}


def _child(job, spec, out):
    code = 70
    try:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        run = {"map": _map, "zygote": _zygote, "swap": _swap, "mutant": _mutant, "run": _run}[job[0]]
        code = run(job, spec, out)
    finally:
        os._exit(code)


class _Recorder:
    """pytest plugin: the test running now, each test's status (as the runner adapter names them) and message."""

    def __init__(self):
        self.current = IMPORT
        self.outcomes = {}
        self.messages = {}
        self.failure = None

    def pytest_runtest_logstart(self, nodeid, location):
        self.current = nodeid

    def pytest_runtest_logreport(self, report):
        status = _status(report)
        if status is not None and self.outcomes.get(report.nodeid) in (None, "passed"):
            self.outcomes[report.nodeid] = status
        if report.failed:
            message = str(getattr(report, "longreprtext", "") or "").strip().splitlines()
            line = (message[-1] if message else "")[:300]
            self.messages.setdefault(report.nodeid, line)
            if self.failure is None:
                self.failure = {"test": report.nodeid, "message": line}


def _status(report):
    if hasattr(report, "wasxfail"):
        return "xfailed" if report.skipped else "xpassed"
    if report.failed:
        return "failed" if report.when == "call" else "error"
    if report.when == "call" or (report.when == "setup" and report.skipped):
        return report.outcome
    return None


def _run(job, spec, out):
    """One flake rerun: the given ids in the given order, in a clean child, every status and message kept."""
    import pytest

    recorder = _Recorder()
    pytest.main([*_pytest_args(job[2]), "--assert=plain", "--tb=line"], plugins=[recorder])
    _write(out, {"job": "run", "outcomes": recorder.outcomes, "messages": recorder.messages})
    return 0


def _pytest_args(tests):
    return [*tests, "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]


def _map(job, spec, out):
    import pytest

    targets = {os.path.realpath(t) for t in spec["targets"]}
    recorder = _Recorder()
    hits = {}
    names = {}

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
        code = pytest.main([*_pytest_args(spec["tests"]), "--assert=plain", "--tb=line"], plugins=[recorder])
    finally:
        sys.settrace(None)
        threading.settrace(None)
    lines = {}
    for (path, line), tests in hits.items():
        lines.setdefault(path, {})[str(line)] = sorted(tests)
    _write(out, {"job": "map", "status": "done", "exit_code": int(code), "outcomes": recorder.outcomes,
                 "messages": recorder.messages, "lines": lines, "modules": _outside_modules(spec["root"])})
    return 0


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Finds modules as the other finders do; for the target file, swaps in a loader that serves the mutant."""

    def __init__(self, path, source):
        self.path = os.path.realpath(path)
        self.source = source
        self.loaded = False

    def find_spec(self, fullname, path=None, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.origin and os.path.realpath(spec.origin) == self.path:
                spec.loader = _MutantLoader(fullname, spec.origin, self)
            return spec
        return None


class _MutantLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname, path, finder):
        super().__init__(fullname, path)
        self.finder = finder

    def get_code(self, fullname):
        self.finder.loaded = True
        return compile(self.finder.source, self.path, "exec", dont_inherit=True)


def _mutant(job, spec, out):
    import pytest

    _, mutant_id, tests = job
    mutant = next(m for m in spec["mutants"] if m["id"] == mutant_id)
    finder = _MutantFinder(mutant["abspath"], mutant["source"])
    sys.meta_path.insert(0, finder)
    recorder = _Recorder()
    # Plain asserts: a pass or a failure is all a mutant run needs, and modules the parent imported stay valid.
    code = int(pytest.main([*_pytest_args(tests), "-x", "--assert=plain", "--tb=line"], plugins=[recorder]))
    _write(out, {"job": mutant_id, "loaded": finder.loaded, "killed_by": recorder.failure, "tests": len(tests)})
    return code


def _code_objects(code, found=None):
    """Every code object inside `code`, by `co_qualname`."""
    found = {} if found is None else found
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found[const.co_qualname] = const
            _code_objects(const, found)
    return found


def _swappable(mutant):
    """True when each function around the change exists in both versions with the same free variables."""
    if not mutant["scope"]:
        return False
    try:
        with open(mutant["abspath"], encoding="utf-8") as handle:
            original = _code_objects(compile(handle.read(), mutant["abspath"], "exec", dont_inherit=True))
        mutated = _code_objects(compile(mutant["source"], mutant["abspath"], "exec", dont_inherit=True))
    except (OSError, SyntaxError, ValueError):
        return False
    return all(q in original and q in mutated and original[q].co_freevars == mutated[q].co_freevars
               for q in mutant["scope"])


_ZYGOTE = {}


def _start_zygote(spec, work):
    read, write = os.pipe()
    out = os.path.join(work, "job-zygote.json")
    pid = os.fork()
    if pid == 0:
        os.close(write)
        _ZYGOTE["pipe"] = read
        _child(("zygote", None, None), spec, out)
    os.close(read)
    return pid, write, out, time.monotonic()


def _finish_zygote(zygote, jobs, timeout):
    """Send the zygote its jobs (None: nothing to do) and wait for its verdicts, killing it at `timeout`."""
    pid, write, out, start = zygote
    with contextlib.suppress(OSError):  # it gave up during collection; its result file says why
        os.write(write, json.dumps(jobs).encode())
    os.close(write)
    status = 0
    while True:
        try:
            waited, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # already reaped by a waitpid(-1) of the mapping phase
            break
        if waited:
            break
        if time.monotonic() - start > timeout:
            _kill(pid)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            break
        time.sleep(0.005)
    return _verdict(out, status, time.monotonic() - start)


def _zygote(job, spec, out):
    """Collect the new tests once, index the target functions, then fork a child per swap job it is sent."""
    import gc

    from _pytest.config import _prepareconfig
    from _pytest.main import Session

    tests = spec["tests"]
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
    functions = {}
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType):
            filename = obj.__code__.co_filename
            if filename not in real:
                real[filename] = os.path.realpath(filename)
            if real[filename] in targets:
                functions.setdefault((real[filename], obj.__code__.co_qualname), []).append(obj)
    _ZYGOTE.update(items={item.nodeid: item for item in session.items}, functions=functions)
    gc.freeze()  # children must not walk (and so copy-on-write) the whole inherited heap when they collect
    data = b""
    while chunk := os.read(_ZYGOTE["pipe"], 65536):
        data += chunk
    message = json.loads(data or b"null")
    if not message:
        return 0
    jobs = [tuple(j) for j in message["jobs"]]
    ran = _run_children(jobs, spec, os.path.dirname(out), message["timeout"], message["deadline"])
    verdicts = {str(j[1]): v for j, v in zip(jobs, ran, strict=True) if v.get("status") not in ("not run", "error")}
    _write(out, {"job": "zygote", "status": "done", "verdicts": verdicts})
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


def _write(path, data):
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)


if __name__ == "__main__":
    main(sys.argv[1])
