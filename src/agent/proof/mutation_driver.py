"""Mutation driver: runs INSIDE the sandbox, in the repo's own interpreter (standard library + pytest).

One process imports the third-party modules the tests need once, then forks a child per job
(as mutmut 3 does), so each mutant costs a pytest session, not an interpreter start and an
import of every dependency. A child installs an import hook that serves the mutated source for
the target file, so nothing is written into the repo: the mutant lives only in that child.

Jobs: a traced run (the new tests, unmutated, under coverage.py with one context per test, or a Python
line tracer where coverage.py is missing: which test reaches which target line, which lines run at
import, and the line/branch coverage), the flake reruns, then one child per mutant running only the
tests that reach its line, `-x`, each with a timeout, all within a budget. Every job draws a token from
one pipe shared with the zygote (workers = cores + 1), so the phases overlap. With spec["go"] the driver
starts before the runtime's first test run and waits for its jobs in that file.
Reads a JSON spec (argv[1]); writes a JSON result (spec["out"]).
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


_SPEC = {}


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
    timings = {"start-up": round(time.monotonic() - T0, 3)}
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
    verdicts, zygote_jobs, timeout = {}, None, 0.0
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


def _plan_mutants(spec, mapping, verdicts, swapping):
    """The per-mutant timeout, the swap jobs and the re-import jobs; unreached mutants get their verdict here."""
    reach = {path: {int(k): v for k, v in lines.items()} for path, lines in mapping["lines"].items()}
    # Focused tests (those reaching the fewest target lines) first: with -x, a killed mutant stops early.
    breadth = {}
    for lines in reach.values():
        for tests in lines.values():
            for test in tests:
                breadth[test] = breadth.get(test, 0) + 1
    eligible = set(spec["tests"])  # passed in the first run too: a mutant is only judged by tests that pass
    passing = sorted((t for t, outcome in mapping["outcomes"].items() if outcome == "passed" and t in eligible),
                     key=lambda t: breadth.get(t, 0))
    swaps, reimports = [], []
    for mutant in spec["mutants"]:
        tests = _tests_for(mutant, reach.get(mutant["path"], {}), passing)
        if not tests:
            verdicts[mutant["id"]] = {"status": "survived", "reason": "no new test reaches this line"}
        elif swapping and not mutant["module_level"] and _swappable(mutant):
            swaps.append(("swap", mutant["id"], tests))
        else:
            reimports.append(("mutant", mutant["id"], tests))
    # Longest first (most tests to run), so the last jobs to finish are short ones and no core idles at the end.
    swaps.sort(key=lambda job: -len(job[2]))
    reimports.sort(key=lambda job: len(job[2]))  # added to the front of the queue one by one: the longest ends first
    # A mutant that makes the tests run 5x longer than the unmutated run (at least 10 s) has hung them.
    timeout = spec["timeout"] or max(10.0, 5 * mapping.get("seconds", 0.0))
    return timeout, swaps, reimports


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
        if name.split(".")[0] == "coverage":  # the traced run's own tracer: no test needs it
            continue
        names.append(name)
    return names


_TOKENS = []
"""Read and write ends of the job-token pipe (one byte per worker), shared by the driver and the zygote."""


def _token_pipe(count):
    read, write = os.pipe()
    os.set_blocking(read, False)
    os.write(write, b"+" * count)
    return [read, write]


def _take_token():
    try:
        return os.read(_TOKENS[0], 1) == b"+"
    except BlockingIOError:
        return False


class _Pool:
    """Forks one child per job while a token is free; reaps them, kills those over their timeout."""

    def __init__(self, work, deadline):
        self.work = work
        self.deadline = deadline
        self.queue = []
        self.running = {}
        self.done = {}

    def add(self, key, job, timeout, first=False):
        self.queue.insert(0, (key, job, timeout)) if first else self.queue.append((key, job, timeout))

    def busy(self):
        return bool(self.queue or self.running)

    def step(self):
        """Start what the tokens allow, then collect what finished: [(key, verdict)]."""
        finished = []
        while self.queue and time.monotonic() < self.deadline and _take_token():
            key, job, timeout = self.queue.pop(0)
            out = os.path.join(self.work, f"job-{job[0]}-{job[1]}.json")
            pid = os.fork()
            if pid == 0:
                _child(job, out)
            self.running[pid] = (key, out, time.monotonic(), timeout)
        if self.queue and time.monotonic() >= self.deadline and not self.running:
            finished += [(key, {"status": "not run", "reason": "budget"}) for key, _, _ in self.queue]
            self.queue.clear()
        now = time.monotonic()
        for pid, (key, out, start, timeout) in list(self.running.items()):
            waited, status, usage = os.wait4(pid, os.WNOHANG)
            if waited:
                finished.append((key, {**_verdict(out, status, now - start), "at": round(start - T0, 3),
                                       "cpu": round(usage.ru_utime + usage.ru_stime, 3)}))
            elif now - start > timeout or now > self.deadline + timeout:
                _kill(pid)
                os.waitpid(pid, 0)
                finished.append((key, {"status": "timeout", "seconds": round(now - start, 2)}))
            else:
                continue
            del self.running[pid]
            os.write(_TOKENS[1], b"+")
        for key, verdict in finished:
            self.done[key] = verdict
        return finished


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


def _child(job, out):
    code = 70
    try:
        os.setpgid(0, 0)
        if job[0] != "zygote":
            for fd in _TOKENS:
                os.close(fd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        run = {"map": _map, "zygote": _zygote, "swap": _swap, "mutant": _mutant, "run": _run}[job[0]]
        code = run(job, _SPEC, out)
    finally:
        os._exit(code)


class _Recorder:
    """pytest plugin: the test running now, each test's status (as the runner adapter names them) and message."""

    def __init__(self):
        self.current = IMPORT
        self.switch = None
        """coverage.py's `switch_context`, when coverage traces the run."""
        self.outcomes = {}
        self.messages = {}
        self.failure = None

    def pytest_runtest_logstart(self, nodeid, location):
        self.current = nodeid
        if self.switch is not None:
            self.switch(nodeid)

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
        lines = {}
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
        code = run()
    finally:
        sys.settrace(None)
        threading.settrace(None)
    return hits, code


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


_SWAPPABLE = {}
_ORIGINALS = {}


def _swappable(mutant):
    """True when each function around the change exists in both versions with the same free variables."""
    if mutant["id"] not in _SWAPPABLE:
        _SWAPPABLE[mutant["id"]] = _same_functions(mutant)
    return _SWAPPABLE[mutant["id"]]


def _same_functions(mutant):
    if not mutant["scope"]:
        return False
    try:
        if mutant["abspath"] not in _ORIGINALS:
            with open(mutant["abspath"], encoding="utf-8") as handle:
                source = handle.read()
            _ORIGINALS[mutant["abspath"]] = _code_objects(compile(source, mutant["abspath"], "exec", dont_inherit=True))
        original = _ORIGINALS[mutant["abspath"]]
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


def _write(path, data):
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)


if __name__ == "__main__":
    main(sys.argv[1])
