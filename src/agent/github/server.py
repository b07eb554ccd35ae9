"""`assay serve`: the webhook endpoint of a GitHub App, answering fast and running jobs from the durable queue.

POST /webhook refuses a request without a `sha256=` signature before reading its body, and a body over
25 MB (GitHub's cap) from its Content-Length or as soon as that much has streamed in, so no request can make
the server buffer more; it then checks `X-Hub-Signature-256` (HMAC-SHA256 of the raw body, constant-time
compare) before anything is parsed, drops replayed delivery ids and stale comments, and stores the job before answering
202. Worker threads in the same process claim jobs from the queue (`queue.JobQueue`); with `--executor celery`
the job goes to Redis instead, for `assay worker` processes (`agent.distributed.github`). GET /healthz
reports the queue.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import hmac
import json
import logging
import os
import sys
import tempfile
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from agent.errors import AssayError, UsageError
from agent.github.action import run_trigger, triage_event
from agent.github.config import GitHubSettings
from agent.github.core import JobState, ModelFactory, state_from_dict, state_to_dict
from agent.github.events import Ignored, MalformedEvent
from agent.github.owners import owner_tag, sweep_clones
from agent.github.queue import DuplicateJob, JobQueue, QueuedJob
from agent.sandbox import Sandbox

log = logging.getLogger("assay.serve")

MAX_BODY_BYTES = 25 * 1024 * 1024
"""GitHub caps webhook payloads at 25 MB; anything larger is refused before it is buffered."""


class BodyTooLarge(Exception):
    """The request body is over `MAX_BODY_BYTES` (by its Content-Length, or while it streams in)."""


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The body, read chunk by chunk and refused as soon as it passes `limit`; `ValueError` for a bad length."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise ValueError(f"bad Content-Length {declared[:40]!r}")
        if int(declared) > limit:
            raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def verify_signature(secret: bytes, body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=<hex HMAC of body>` under `secret` (compared in constant time)."""
    if not header or not header.startswith("sha256="):
        return False
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())


class QueueCheckpoints:
    """A job's `JobState` kept in its queue row, so a restarted server resumes where the crash left it."""

    def __init__(self, queue: JobQueue, job_id: int) -> None:
        self._queue, self._job_id = queue, job_id

    def load(self) -> JobState:
        return state_from_dict(self._queue.checkpoint(self._job_id))

    def save(self, state: JobState) -> None:
        self._queue.save_checkpoint(self._job_id, state_to_dict(state))


class Workers:
    """Threads that claim jobs from the queue and run them, renewing each job's lease while it runs."""

    def __init__(self, queue: JobQueue, settings: GitHubSettings, count: int, *,
                 model_factory: ModelFactory | None = None, sandbox: Sandbox | None = None,
                 poll_s: float = 0.5) -> None:
        self.queue, self.settings, self.count = queue, settings, count
        self.model_factory, self.sandbox, self.poll_s = model_factory, sandbox, poll_s
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        """Take over what a dead predecessor on this host left (its leases, its clones), then start the threads."""
        released = self.queue.release_orphans()
        if released:
            log.info("resuming job(s) %s of a server that is gone", ", ".join(map(str, released)))
        for path in sweep_clones(self.settings.workdir or Path(tempfile.gettempdir())):
            log.info("removed %s, the clone of a job whose server is gone", path)
        for n in range(self.count):
            thread = threading.Thread(target=self._loop, name=f"assay-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop claiming; a job still running is abandoned to its lease and resumed by the next start."""
        self._stop.set()
        self.wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            job = self.queue.claim(owner_tag())
            if job is None:
                self.wake.wait(self.poll_s)
                self.wake.clear()
                continue
            self.run(job)

    def run(self, job: QueuedJob) -> None:
        """Run one claimed job to the end and record its exit code."""
        done = threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(job.id, done), daemon=True)
        beat.start()
        log.info("job %s (delivery %s, %s) attempt %s", job.id, job.delivery_id, job.repo, job.attempts)
        code, error = 70, None
        try:
            found = triage_event(job.event_name, job.payload, self.settings.model_copy(update={"max_event_age_s":
                                                                                             float("inf")}))
            if isinstance(found, Ignored):
                code, error = 0, found.reason
            else:
                code = run_trigger(found, self.settings, checkpoints=QueueCheckpoints(self.queue, job.id),
                                   model_factory=self.model_factory, sandbox=self.sandbox)
        except AssayError as exc:
            code, error = exc.exit_code, str(exc)
        except Exception as exc:  # a bug in one job must not kill the worker
            log.exception("job %s crashed", job.id)
            error = f"{type(exc).__name__}: {exc}"
        finally:
            done.set()
        self.queue.finish(job.id, code, error)
        log.info("job %s finished with exit %s%s", job.id, code, f": {error}" if error else "")

    def _heartbeat(self, job_id: int, done: threading.Event) -> None:
        while not done.wait(self.queue.lease_s / 3):
            self.queue.heartbeat(job_id)


class Intake(Protocol):
    """Where accepted deliveries go: the SQLite `JobQueue` (run by this server's threads) or, with
    `--executor celery`, `agent.distributed.github.CeleryIntake` (run by `assay worker` processes)."""

    def record_delivery(self, delivery_id: str, outcome: str) -> bool: ...

    def enqueue(self, delivery_id: str, repo: str, event_name: str, payload: dict[str, Any], *,
                key: str | None = None) -> int | None: ...

    def counts(self) -> dict[str, int]: ...


def _refuse(status: int, error: str) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status)


async def signed_delivery(request: Request, key: bytes) -> tuple[str, str, dict[str, Any]] | JSONResponse:
    """The delivery id, event name and payload of a request GitHub signed, or the answer refusing it."""
    signature = request.headers.get("X-Hub-Signature-256")
    if not signature or not signature.startswith("sha256="):  # unsigned: not worth reading the body
        return _refuse(401, "bad signature")
    try:
        body = await read_body(request)
    except BodyTooLarge:
        return _refuse(413, f"body over {MAX_BODY_BYTES} bytes")
    except ValueError as exc:
        return _refuse(400, str(exc))
    if not verify_signature(key, body, signature):
        return _refuse(401, "bad signature")
    delivery = request.headers.get("X-GitHub-Delivery", "").strip()
    event = request.headers.get("X-GitHub-Event", "").strip()
    if not delivery or not event:
        return _refuse(400, "missing X-GitHub-Delivery or X-GitHub-Event")
    try:
        payload: Any = json.loads(body)
    except ValueError:
        return _refuse(400, "body is not JSON")
    if not isinstance(payload, dict):
        return _refuse(400, "body is not a JSON object")
    return delivery, event, payload


def create_app(settings: GitHubSettings, queue: JobQueue | Intake, secret: str, *, workers: int = 2,
               model_factory: ModelFactory | None = None, sandbox: Sandbox | None = None) -> Starlette:
    """The ASGI app: /webhook and /healthz, with `workers` job threads started and stopped by its lifespan
    (none when `queue` is another intake, whose jobs run elsewhere)."""
    if not secret:
        raise UsageError("ASSAY_WEBHOOK_SECRET is not set: the server refuses to accept unsigned deliveries")
    key = secret.encode()
    pool = Workers(queue, settings, workers, model_factory=model_factory, sandbox=sandbox) \
        if isinstance(queue, JobQueue) else None

    async def webhook(request: Request) -> JSONResponse:
        checked = await signed_delivery(request, key)
        if isinstance(checked, JSONResponse):
            return checked
        delivery, event, payload = checked
        try:
            found = triage_event(event, payload, settings)
        except MalformedEvent as exc:
            return _refuse(400, str(exc))
        if isinstance(found, Ignored):
            fresh = await run_in_threadpool(queue.record_delivery, delivery, f"ignored: {found.reason}")
            reason = found.reason if fresh else "replayed delivery"
            log.info("delivery %s ignored: %s", delivery, reason)
            return JSONResponse({"ignored": reason})
        try:
            job_id = await run_in_threadpool(functools.partial(queue.enqueue, key=found.key), delivery, found.repo,
                                             event, payload)
        except DuplicateJob as exc:
            log.info("delivery %s ignored: comment %s %s", delivery, found.comment_id, exc)
            return JSONResponse({"ignored": f"comment {found.comment_id} {exc}"})
        if job_id is None:
            log.info("delivery %s ignored: replayed delivery", delivery)
            return JSONResponse({"ignored": "replayed delivery"})
        if pool is not None:
            pool.wake.set()
        log.info("delivery %s queued as job %s", delivery, job_id)
        return JSONResponse({"queued": job_id}, status_code=202)

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "jobs": await run_in_threadpool(queue.counts)})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if pool is not None:
            pool.start()
        try:
            yield
        finally:
            if pool is not None:
                pool.stop()

    app = Starlette(routes=[Route("/webhook", webhook, methods=["POST"]), Route("/healthz", healthz)],
                    lifespan=lifespan)
    app.state.workers = pool
    return app


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assay serve",
        description="Webhook server for a GitHub App: POST /webhook (secret from ASSAY_WEBHOOK_SECRET), "
        "GET /healthz. Deliveries are verified, de-duplicated and queued in SQLite; worker threads run them. "
        "GitHub settings come from the environment (see docs/github.md).")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--queue", type=Path, default=Path(os.environ.get("ASSAY_QUEUE_PATH", "assay-queue.sqlite3")),
                        help="SQLite queue file (default: $ASSAY_QUEUE_PATH, else ./assay-queue.sqlite3)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("ASSAY_WORKERS", "2")),
                        help="jobs run at once, across repositories (default: $ASSAY_WORKERS, else 2)")
    parser.add_argument("--lease", type=float, default=float(os.environ.get("ASSAY_LEASE_S", "60")),
                        metavar="SECONDS", help="a job whose worker stops renewing it for this long is taken over "
                        "(default: $ASSAY_LEASE_S, else 60)")
    parser.add_argument("--executor", choices=("local", "celery"), default=None,
                        help="who runs the jobs: `local` threads of this server (SQLite queue), or `celery` "
                        "workers (`assay worker`) over Redis, where --queue, --workers and --lease do not apply "
                        "(default: $ASSAY_EXECUTOR, else celery when $ASSAY_BROKER_URL is set, else local)")
    parser.add_argument("--broker", metavar="URL", help="Redis URL of the celery executor (default: "
                        "$ASSAY_BROKER_URL, else redis://127.0.0.1:6379/0)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def cli_main(argv: list[str]) -> int:
    """`assay serve …`: run until interrupted; the exit code."""
    import uvicorn

    args = build_parser().parse_args(argv)
    if args.workers < 1 or args.lease <= 0:
        raise UsageError("--workers must be at least 1 and --lease positive")
    logging.basicConfig(level=logging.INFO, format="assay: %(message)s", stream=sys.stderr)
    settings = GitHubSettings.from_env()
    from agent.distributed import executor_choice

    if executor_choice(args.executor) == "celery":
        from agent.distributed import celery_intake

        intake, where = celery_intake(args.broker)
        app = create_app(settings, intake, os.environ.get("ASSAY_WEBHOOK_SECRET", ""))
        log.info("serving on http://%s:%s (jobs go to the workers on %s)", args.host, args.port, where)
    else:
        queue = JobQueue(args.queue, concurrency=args.workers, lease_s=args.lease)
        app = create_app(settings, queue, os.environ.get("ASSAY_WEBHOOK_SECRET", ""), workers=args.workers)
        log.info("serving on http://%s:%s (queue %s, %s workers)", args.host, args.port, args.queue, args.workers)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
