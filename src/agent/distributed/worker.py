"""`assay worker`: a Celery worker that runs eval attempts and GitHub jobs from the Redis queue.

One job per sandbox slot (`--concurrency`, default the number of cores), one message prefetched per slot,
messages acknowledged when their job has finished. Every job is idempotent by its key (the eval attempt's
key; the GitHub delivery's job): a redelivered job that already finished returns its result, one that another
worker still runs waits for it, one whose worker died resumes (GitHub jobs from their checkpoints).
Commands run in the same sandbox as local runs (bubblewrap when it works; `ASSAY_REQUIRE_SANDBOX=1` refuses
to run without it).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

import redis
from celery import Celery
from celery.exceptions import CPendingDeprecationWarning

from agent.distributed import broker, broker_url
from agent.distributed.broker import (
    ATTEMPT_TASK,
    GITHUB_TASK,
    QUEUE,
    BrokerSettings,
    Heartbeat,
    Lease,
    connect,
    make_app,
    shown_url,
)
from agent.distributed.evals import AttemptJob, run_attempt_job
from agent.errors import AssayError, UsageError
from agent.evals.cases import default_cases_root
from agent.sandbox import Sandbox

log = logging.getLogger("assay.worker")

DONE_KEEP_S = 7 * 24 * 3600
OUTAGE_RETRIES = 25
"""A job's Redis commands (checkpoints, results) retry for about two minutes while Redis restarts."""


class WorkerContext:
    """What every task of this worker shares: its options, and per process a Redis client and a sandbox."""

    def __init__(self, settings: BrokerSettings, cases_root: Path, workdir: Path, lease_s: float) -> None:
        self.settings, self.cases_root, self.workdir, self.lease_s = settings, cases_root, workdir, lease_s
        self._pid = -1
        self._client: redis.Redis | None = None
        self._sandbox: Sandbox | None = None

    @property
    def client(self) -> redis.Redis:
        if self._client is None or self._pid != os.getpid():  # a forked pool process opens its own
            self._client = broker.client(self.settings.url, retries=OUTAGE_RETRIES)
            self._pid = os.getpid()
        return self._client

    @property
    def sandbox(self) -> Sandbox:
        if self._sandbox is None:
            from agent.evals.harness import eval_sandbox

            self._sandbox = eval_sandbox()
        return self._sandbox

    @property
    def beat_s(self) -> float:
        return max(0.5, min(self.lease_s, self.settings.visibility_timeout_s) / 3)

    def tag(self) -> str:
        return f"{socket.gethostname()}:{os.getpid()}"


def run_attempt_task(ctx: WorkerContext, task_id: str, payload: dict[str, Any]) -> dict[str, Any]:
    """One eval attempt, at most once at a time and never again once finished."""
    job = AttemptJob.model_validate(payload)
    done_key = f"assay:attempt-done:{job.key}"
    lease = Lease(ctx.client, f"assay:attempt-running:{job.key}", ctx.lease_s)
    while not lease.acquire():  # another worker runs it (a message handed out twice): its result is ours
        raw = ctx.client.get(done_key)
        if raw:
            return dict(json.loads(raw))
        time.sleep(1.0)
    try:
        raw = ctx.client.get(done_key)
        if raw:
            log.info("attempt %s (%s#%s) already finished", job.key, job.case, job.repeat)
            return dict(json.loads(raw))
        log.info("attempt %s (%s#%s) started on %s", job.key, job.case, job.repeat, ctx.tag())
        with Heartbeat(ctx.client, task_id, [lease], ctx.beat_s):
            envelope = run_attempt_job(job, cases_root=ctx.cases_root, workdir=ctx.workdir, sandbox=ctx.sandbox)
        ctx.client.set(done_key, json.dumps(envelope), ex=DONE_KEEP_S)
        log.info("attempt %s (%s#%s) finished on %s: score %.2f", job.key, job.case, job.repeat, ctx.tag(),
                 envelope["line"]["score"])
        return envelope
    finally:
        lease.release()


def run_github_task(ctx: WorkerContext, task_id: str, payload: dict[str, Any]) -> int | None:
    """One GitHub job, resumed from its checkpoints; None when its repository is busy (retry later)."""
    from agent.distributed.github import GitHubJob, finish_job, job_record, start_job

    job = GitHubJob.model_validate(payload)
    record = job_record(ctx.client, job.id)
    if record.get("state") in ("done", "failed"):
        log.info("github job %s already finished", job.id)
        return int(record.get("exit_code") or 0)
    lease = Lease(ctx.client, f"assay:gh:repo-lease:{job.repo.lower()}", ctx.lease_s)
    if not lease.acquire():
        return None
    try:
        if not start_job(ctx.client, job.id, ctx.tag()):
            return int(job_record(ctx.client, job.id).get("exit_code") or 0)
        log.info("github job %s (delivery %s, %s) started on %s", job.id, job.delivery_id, job.repo, ctx.tag())
        with Heartbeat(ctx.client, task_id, [lease], ctx.beat_s):
            code, error = _github_job(ctx, job.id, job.event_name, job.payload)
        finish_job(ctx.client, job.id, code, error)
        log.info("github job %s finished with exit %s%s", job.id, code, f": {error}" if error else "")
        return code
    finally:
        lease.release()


def _github_job(ctx: WorkerContext, job_id: int, event_name: str, payload: dict[str, Any]) -> tuple[int, str | None]:
    from agent.distributed.github import RedisCheckpoints
    from agent.github.action import run_trigger, triage_event
    from agent.github.config import GitHubSettings
    from agent.github.events import Ignored

    try:
        settings = GitHubSettings.from_env()
        found = triage_event(event_name, payload, settings.model_copy(update={"max_event_age_s": float("inf")}))
        if isinstance(found, Ignored):
            return 0, found.reason
        return run_trigger(found, settings, checkpoints=RedisCheckpoints(ctx.client, job_id)), None
    except AssayError as exc:
        return exc.exit_code, str(exc)
    except Exception as exc:  # a bug in one job must not kill the worker
        log.exception("github job %s crashed", job_id)
        return 70, f"{type(exc).__name__}: {exc}"


def register_tasks(app: Celery, ctx: WorkerContext) -> None:
    """The two tasks, bound to this worker's context."""

    @app.task(name=ATTEMPT_TASK, bind=True, resultrepr_maxsize=160)  # type: ignore[untyped-decorator]
    def attempt(task: Any, payload: dict[str, Any]) -> dict[str, Any]:
        return run_attempt_task(ctx, str(task.request.id), payload)

    @app.task(name=GITHUB_TASK, bind=True, max_retries=None)  # type: ignore[untyped-decorator]
    def github(task: Any, payload: dict[str, Any]) -> int:
        code = run_github_task(ctx, str(task.request.id), payload)
        if code is None:  # its repository runs another job: back to the queue, acknowledged, for a moment
            raise task.retry(countdown=2)
        return code


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="assay worker", description="Run eval attempts and GitHub jobs from the Redis "
                                "queue (Celery). GitHub settings come from the environment, as for `assay serve`.")
    p.add_argument("--broker", metavar="URL", help="Redis URL (default: $ASSAY_BROKER_URL, else "
                   "redis://127.0.0.1:6379/0)")
    p.add_argument("--concurrency", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="jobs at once, one per sandbox slot (default: the number of cores)")
    p.add_argument("--cases-dir", type=Path, default=None, metavar="DIR",
                   help=f"eval cases this worker runs (default: {default_cases_root()})")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "assay-worker", metavar="DIR",
                   help="where attempts run and skills are unpacked (default: $TMPDIR/assay-worker)")
    p.add_argument("--visibility-timeout", type=float,
                   default=float(os.environ.get("ASSAY_VISIBILITY_TIMEOUT_S", "7200")), metavar="SECONDS",
                   help="a dead worker's job goes to another after this long; above the longest job "
                   "(default: $ASSAY_VISIBILITY_TIMEOUT_S, else 7200)")
    p.add_argument("--lease", type=float, default=float(os.environ.get("ASSAY_LEASE_S", "60")), metavar="SECONDS",
                   help="a running job's locks expire this long after its worker stops renewing them "
                   "(default: $ASSAY_LEASE_S, else 60)")
    p.add_argument("--name", default=None, help="worker node name (default: assay-<pid>@<host>)")
    p.add_argument("--loglevel", default="info", choices=("debug", "info", "warning", "error"))
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def cli_main(argv: list[str]) -> int:
    """`assay worker …`: run until stopped (a warm shutdown on SIGTERM gives running jobs' messages back)."""
    args = build_parser().parse_args(argv)
    if args.concurrency < 1 or args.visibility_timeout <= 0 or args.lease <= 0:
        raise UsageError("--concurrency must be at least 1, --visibility-timeout and --lease positive")
    cases_root = args.cases_dir or default_cases_root()
    url = broker_url(args.broker)
    connect(url).close()
    settings = BrokerSettings(url, visibility_timeout_s=args.visibility_timeout,
                              restore_interval_s=min(10.0, max(1.0, args.visibility_timeout / 4)))
    args.workdir.mkdir(parents=True, exist_ok=True)
    _sweep_clones()
    # A job keeps running through a broker outage (Celery 5 default); its message, given back to the queue on
    # reconnection, returns the finished job's result when it comes round again (idempotent keys).
    warnings.filterwarnings("ignore", message=r"\s*In Celery 5\.1 we introduced an optional breaking change",
                            category=CPendingDeprecationWarning)
    logging.basicConfig(level=args.loglevel.upper(), format="assay worker %(process)d: %(message)s",
                        stream=sys.stderr)
    app = make_app(settings)
    register_tasks(app, WorkerContext(settings, cases_root.resolve(), args.workdir.resolve(), args.lease))
    log.info("worker on %s (queue %s, concurrency %s, cases %s)", shown_url(url), QUEUE, args.concurrency,
             cases_root)
    app.worker_main(argv=["worker", f"--concurrency={args.concurrency}", "--pool=prefork", f"--queues={QUEUE}",
                          f"--hostname={args.name or f'assay-{os.getpid()}@{socket.gethostname()}'}",
                          f"--loglevel={args.loglevel.upper()}", "--without-gossip", "--without-mingle"])
    return 0


def _sweep_clones() -> None:
    """Remove the temp clones of GitHub jobs whose worker on this host is gone."""
    try:
        from agent.github.owners import sweep_clones
    except ImportError:
        return
    folder = Path(os.environ.get("ASSAY_WORKDIR") or tempfile.gettempdir())
    for path in sweep_clones(folder):
        log.info("removed %s, the clone of a job whose worker is gone", path)
