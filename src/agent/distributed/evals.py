"""Eval attempts as jobs: what is shipped to a worker, how a worker runs one, and the executor `assay eval` uses.

An attempt job carries ids and digests, not objects: the case by name and content digest (every worker has
the cases; a worker whose copy differs refuses the job), the skill folder's files (so the skill under test
need not be deployed), and the eval's options. The worker runs exactly what the local executor runs
(`harness.run_attempt`) in a folder of its own and sends back the result line with the attempt folder
(transcript, outcome, the repo as the agent left it) packed; the client unpacks it under `--out` before it
writes the line, so a line in `results.jsonl` always has its files.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import fcntl
import functools
import hashlib
import io
import json
import logging
import os
import shutil
import socket
import sys
import tarfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import redis
from celery import Celery
from celery.exceptions import BackendError
from kombu.exceptions import OperationalError
from pydantic import BaseModel, ConfigDict, Field

from agent.distributed.broker import ATTEMPT_TASK, QUEUE
from agent.errors import AssayError, UsageError
from agent.evals.cases import Case, load_case, tree_digest
from agent.evals.harness import EvalConfig, attempt_key, install_cache, run_attempt
from agent.sandbox import BwrapSandbox, Sandbox

log = logging.getLogger("assay.worker")

_SKIP = ("node_modules", "__pycache__", ".pytest_cache")
OUTAGE_S = 300.0
"""How long the client keeps polling through a broker outage (a Redis restart) before it gives up."""


class AttemptJob(BaseModel):
    """One eval attempt, self-contained: everything a worker needs besides its copy of the cases."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(pattern=r"^attempt-[0-9a-f]{32}$")
    """Idempotency key (the Celery task id): the eval's identity plus the attempt's; the same attempt of the
    same eval always gets the same key, so a resumed or redelivered attempt is recognised."""
    case: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    case_digest: str
    repeat: int = Field(ge=1)
    model: str
    skill_files: dict[str, str] | None = None
    """The skill folder as relative path -> base64 bytes; None runs without a skill."""
    skill_hash: str = Field("none", pattern=r"^([0-9a-f]{16}|none)$")
    timeout_s: float
    max_turns: int
    verify_options: dict[str, Any] = Field(default_factory=dict)
    manifest: dict[str, Any]
    """The client's eval manifest, copied into the result line as the local executor does."""


def eval_identity(config: EvalConfig) -> str:
    """What makes two runs the same eval: this host's `--out` folder and the manifest (agent, skill, runtime)."""
    manifest = {k: v for k, v in config.manifest().items() if k != "repeat"}
    text = json.dumps({"host": socket.gethostname(), "out": str(config.out.resolve()), "manifest": manifest,
                       "options": config.verify_options, "timeout": config.timeout_s, "turns": config.max_turns},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def skill_files(folder: Path | None) -> dict[str, str] | None:
    if folder is None:
        return None
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not set(p.relative_to(folder).parts) & set(_SKIP))
    return {p.relative_to(folder).as_posix(): base64.b64encode(p.read_bytes()).decode() for p in files}


def attempt_job(config: EvalConfig, case: Case, repeat: int, manifest: dict[str, Any], identity: str,
                skill: dict[str, str] | None) -> AttemptJob:
    key = hashlib.sha256(f"{identity}\0{attempt_key(case, repeat)}\0{case.digest()}".encode()).hexdigest()[:32]
    return AttemptJob(key=f"attempt-{key}", case=case.name, case_digest=case.digest(), repeat=repeat,
                      model=config.model, skill_files=skill, skill_hash=manifest["skill_hash"],
                      timeout_s=config.timeout_s, max_turns=config.max_turns,
                      verify_options=dict(config.verify_options), manifest=manifest)


# -- the worker side ------------------------------------------------------------------------------------------


def materialise_skill(job: AttemptJob, root: Path) -> Path | None:
    """The shipped skill as a folder under `root` named by its content hash (written once, checked)."""
    if job.skill_files is None:
        return None
    target = root / job.skill_hash
    if target.is_dir():
        return target
    staging = root / f".{job.skill_hash}-{os.getpid()}-{threading.get_ident()}"
    shutil.rmtree(staging, ignore_errors=True)
    for rel, data in job.skill_files.items():
        path = (staging / rel).resolve()
        if not path.is_relative_to(staging.resolve()) or ".." in Path(rel).parts:
            raise UsageError(f"skill file {rel!r} points outside the skill folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
    if tree_digest(staging) != job.skill_hash:
        shutil.rmtree(staging, ignore_errors=True)
        raise UsageError(f"the shipped skill does not hash to {job.skill_hash}")
    try:
        staging.rename(target)
    except OSError:  # another slot put it there first
        shutil.rmtree(staging, ignore_errors=True)
    return target


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def pack(folder: Path) -> str:
    """The folder as a base64 gzip tarball, without installed dependencies and caches."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=1) as tar:
        tar.add(folder, arcname=".", filter=lambda info: None if set(Path(info.name).parts) & set(_SKIP) else info)
    return base64.b64encode(buffer.getvalue()).decode()


def unpack(data: str, dest: Path) -> None:
    """Unpack what `pack` made into `dest` (replaced), refusing members that would land outside it."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(base64.b64decode(data)), mode="r:gz") as tar:
        tar.extractall(dest, filter="data")


def run_attempt_job(job: AttemptJob, *, cases_root: Path, workdir: Path, sandbox: Sandbox) -> dict[str, Any]:
    """Run one attempt here as the local executor would; the result line, the packed attempt folder, and the
    folder the line's paths are relative to."""
    case = load_case(cases_root / job.case)
    if case.digest() != job.case_digest:
        raise UsageError(f"case {job.case} on this worker has digest {case.digest()}, the eval runs "
                         f"{job.case_digest}: deploy the same cases to every worker")
    skill_dir = materialise_skill(job, workdir / "skills")
    out = workdir / "jobs" / job.key
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    config = EvalConfig(cases=[case], out=out, model=job.model, skill_dir=skill_dir, timeout_s=job.timeout_s,
                        max_turns=job.max_turns, verify_options=job.verify_options, progress=False)
    with _file_lock(workdir / "cache" / ".lock"):
        modules = install_cache(case, workdir / "cache", threading.Lock())
    own = sandbox
    if isinstance(sandbox, BwrapSandbox):  # the attempts of other evals on this worker, as the local executor hides
        others = sorted(str(p) for p in out.parent.iterdir() if p != out)  # its own other attempts
        own = dataclasses.replace(sandbox, hide=(*sandbox.hide, *others))
    try:
        line = run_attempt(config, case, job.repeat, own, modules, job.manifest)
        attempt_dir = Path(line["attempt_dir"])
        return {"line": line, "files": pack(attempt_dir), "base": str(out),
                "folder": attempt_dir.relative_to(out).as_posix()}
    finally:
        if own is not sandbox:
            own.close()
        # Off the job's path: the result is packed; the next job need not wait for the folder to go.
        threading.Thread(target=shutil.rmtree, args=(out,), kwargs={"ignore_errors": True}, daemon=True).start()


# -- the client side ----------------------------------------------------------------------------------------


def _rebase(line: dict[str, Any], base: str, out: Path) -> dict[str, Any]:
    """The worker's paths in the line, moved to where the client unpacked the attempt."""
    moved = dict(line)
    for name in ("run_dir", "attempt_dir"):
        value = moved.get(name)
        if isinstance(value, str) and value.startswith(base):
            moved[name] = str(out) + value[len(base):]
    return moved


class CeleryAttempts:
    """The distributed executor of `run_eval`: each missing attempt becomes a Celery task; results are polled
    from the result backend, unpacked under `--out`, and handed back one line at a time."""

    def __init__(self, app: Celery, poll_s: float = 0.2) -> None:
        self.app, self.poll_s = app, poll_s

    def run_attempts(self, config: EvalConfig, todo: list[tuple[Case, int]], manifest: dict[str, Any],
                     done: Callable[[dict[str, Any]], None]) -> None:
        identity = eval_identity(config)
        skill = skill_files(config.skill_dir)
        jobs = {job.key: job for job in (attempt_job(config, case, repeat, manifest, identity, skill)
                                         for case, repeat in todo)}
        finished = self._retrying(functools.partial(self._finished, list(jobs)))
        for key, job in jobs.items():
            if key not in finished:  # else it finished for an earlier client of this eval: just collect it
                self._retrying(functools.partial(self.app.send_task, ATTEMPT_TASK, args=[job.model_dump(mode="json")],
                                                 task_id=key, queue=QUEUE))
        if jobs:
            self._warn_without_workers()
        pending = dict(jobs)
        while pending:
            for key, meta in self._retrying(functools.partial(self._finished, list(pending))).items():
                job = pending.pop(key)
                if meta.get("status") != "SUCCESS":
                    error = meta.get("result")
                    why = f"{error.get('exc_type')}: {error.get('exc_message')}" if isinstance(error, dict) \
                        else str(error)
                    raise AssayError(f"attempt {job.case}#{job.repeat} failed on a worker: {why.splitlines()[0]}")
                self._collect(config, meta["result"], done)
            if pending:
                time.sleep(self.poll_s)

    def _finished(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """The result-backend records of the tasks among `keys` that have ended (one MGET for all of them)."""
        backend = self.app.backend
        ended = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            for key, raw in zip(chunk, backend.mget([backend.get_key_for_task(k) for k in chunk]), strict=True):
                meta = backend.decode_result(raw) if raw else None
                if isinstance(meta, dict) and meta.get("status") in ("SUCCESS", "FAILURE", "REVOKED"):
                    ended[key] = meta
        return ended

    def _warn_without_workers(self) -> None:
        try:
            answers = self.app.control.ping(timeout=0.5)
        except Exception:  # only a hint; the attempts wait in the queue either way
            return
        if not answers:
            print("assay: warning: no `assay worker` answers on this broker; the attempts wait in the queue until "
                  "one starts", file=sys.stderr, flush=True)

    @staticmethod
    def _retrying(action: Callable[[], Any]) -> Any:
        """Run `action`, riding out a broker outage (Redis restarting) for up to `OUTAGE_S`."""
        deadline = time.monotonic() + OUTAGE_S
        while True:
            try:
                return action()
            except (redis.RedisError, OSError, OperationalError, BackendError) as exc:
                if time.monotonic() > deadline:
                    raise UsageError(f"the broker stopped answering: {exc}") from None
                time.sleep(1.0)

    @staticmethod
    def _collect(config: EvalConfig, envelope: dict[str, Any], done: Callable[[dict[str, Any]], None]) -> None:
        folder = config.out / envelope["folder"]
        if not folder.resolve().is_relative_to(config.out.resolve()) or ".." in Path(envelope["folder"]).parts:
            raise AssayError(f"a worker sent an attempt folder outside --out: {envelope['folder']!r}")
        unpack(envelope["files"], folder)
        done(_rebase(envelope["line"], envelope["base"], config.out))
