"""Job scheduling: the job-token pipe (workers = cores + 1), the fork-per-job pool with timeouts and the budget,
and verdicts read from each child's result file and exit code."""

import contextlib
import json
import os
import signal
import time
from typing import Any

from .state import _SPEC, _TOKENS, T0


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
        finished: list[tuple[Any, dict[str, Any]]] = []
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
        # The job kinds fork through this pool themselves, so they are looked up here, not imported at the top.
        from .mutants import _mutant
        from .reruns import _run
        from .traced import _map
        from .zygote import _swap, _zygote

        run = {"map": _map, "zygote": _zygote, "swap": _swap, "mutant": _mutant, "run": _run}[job[0]]
        code = run(job, _SPEC, out)
    finally:
        os._exit(code)
