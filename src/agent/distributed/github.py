"""GitHub jobs as Celery tasks: `assay serve` enqueues a verified delivery, any `assay worker` runs it.

The guarantees of the SQLite queue (`github.queue`), kept in Redis so every server and worker shares them:
- Replays: a delivery id is recorded with `SET NX`; a second delivery of the same id is refused, and a
  second delivery of the same comment (`key`, e.g. `owner/repo#comment-123`) is refused as `DuplicateJob`.
- Durable: the job's record and its message are in Redis before the webhook is answered 202 (run Redis with
  `appendonly yes` and `appendfsync always` to keep them through a crash of Redis itself).
- Once: the job's `JobState` checkpoints live in Redis; a worker killed mid-job leaves its message
  unacknowledged, another worker gets it after the visibility timeout and resumes from the checkpoints, so
  the tracking comment, the push and the pull request happen once. A finished job is never run again.
- Per repository: a job runs only while it holds its repository's lease (a Redis lock renewed while it runs);
  a job that finds the lease taken goes back to the queue for a moment.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import redis
from celery import Celery
from pydantic import BaseModel, ConfigDict

from agent.distributed.broker import GITHUB_TASK, QUEUE
from agent.github.core import JobState, state_from_dict, state_to_dict
from agent.github.queue import DuplicateJob

log = logging.getLogger("assay.worker")

_PREFIX = "assay:gh:"
KEEP_S = 30 * 24 * 3600
"""How long delivery ids, comment keys and job records are remembered."""


class GitHubJob(BaseModel):
    """One accepted delivery: what the worker needs to run it (the payload is re-checked there)."""

    model_config = ConfigDict(extra="forbid")

    id: int
    delivery_id: str
    repo: str
    event_name: str
    payload: dict[str, Any]


def _job_key(job_id: int) -> str:
    return f"{_PREFIX}job:{job_id}"


class CeleryIntake:
    """The server's side: record, de-duplicate and enqueue deliveries (the `JobQueue` methods `serve` uses)."""

    def __init__(self, app: Celery, client: redis.Redis) -> None:
        self.app, self.client = app, client

    def record_delivery(self, delivery_id: str, outcome: str) -> bool:
        """Remember a delivery that starts no job; False if the id was seen before."""
        return bool(self.client.set(f"{_PREFIX}delivery:{delivery_id}", outcome, nx=True, ex=KEEP_S))

    def enqueue(self, delivery_id: str, repo: str, event_name: str, payload: dict[str, Any], *,
                key: str | None = None) -> int | None:
        """Record the job and put its message on the queue; the job id, or None for a replayed delivery id."""
        delivery_key = f"{_PREFIX}delivery:{delivery_id}"
        if not self.client.set(delivery_key, "queued", nx=True, ex=KEEP_S):
            return None
        job_id = int(self.client.incr(f"{_PREFIX}next-id"))
        if key and not self.client.set(f"{_PREFIX}handled:{key}", job_id, nx=True, ex=KEEP_S):
            existing = int(self.client.get(f"{_PREFIX}handled:{key}") or 0)
            self.client.set(delivery_key, f"duplicate of job {existing}", ex=KEEP_S)
            raise DuplicateJob(existing)
        job = GitHubJob(id=job_id, delivery_id=delivery_id, repo=repo, event_name=event_name, payload=payload)
        try:
            self.client.hset(_job_key(job_id), mapping={"delivery_id": delivery_id, "repo": repo, "state": "queued",
                                                        "attempts": 0, "created_at": time.time()})
            self.client.sadd(f"{_PREFIX}jobs", job_id)
            self.app.send_task(GITHUB_TASK, args=[job.model_dump(mode="json")], task_id=f"github-{delivery_id}",
                               queue=QUEUE)
        except Exception:
            # Not queued: forget the delivery, so GitHub's redelivery (the webhook answers 500) is accepted.
            self.client.delete(delivery_key, _job_key(job_id), *([f"{_PREFIX}handled:{key}"] if key else []))
            self.client.srem(f"{_PREFIX}jobs", job_id)
            raise
        return job_id

    def counts(self) -> dict[str, int]:
        """Jobs per state, plus the messages waiting in the broker's queue (`queue_depth`)."""
        counts = {"queued": 0, "running": 0, "interrupted": 0, "done": 0, "failed": 0}
        for raw in self.client.smembers(f"{_PREFIX}jobs"):
            state = self.client.hget(_job_key(int(raw)), "state")
            if state is not None:
                name = state.decode() if isinstance(state, bytes) else str(state)
                counts[name] = counts.get(name, 0) + 1
        counts["queue_depth"] = int(self.client.llen(QUEUE))
        return counts

    def jobs(self) -> list[dict[str, Any]]:
        """Every job record, oldest first."""
        ids = sorted(int(raw) for raw in self.client.smembers(f"{_PREFIX}jobs"))
        return [job_record(self.client, i) for i in ids]


def job_record(client: redis.Redis, job_id: int) -> dict[str, Any]:
    raw = client.hgetall(_job_key(job_id))
    record: dict[str, Any] = {"id": job_id}
    for k, v in raw.items():
        name = k.decode() if isinstance(k, bytes) else str(k)
        record[name] = v.decode() if isinstance(v, bytes) else v
    for name in ("attempts", "exit_code"):
        if record.get(name) not in (None, ""):
            record[name] = int(record[name])
    return record


class RedisCheckpoints:
    """A job's `JobState` in Redis, so the worker that takes over a dead worker's job resumes it."""

    def __init__(self, client: redis.Redis, job_id: int) -> None:
        self.client, self.key = client, _job_key(job_id)

    def load(self) -> JobState:
        raw = self.client.hget(self.key, "checkpoint")
        return state_from_dict(json.loads(raw) if raw else {})

    def save(self, state: JobState) -> None:
        self.client.hset(self.key, "checkpoint", json.dumps(state_to_dict(state)))


MAX_ATTEMPTS = 3
"""A job interrupted this often (its worker died each time) is marked failed instead of run again."""


def start_job(client: redis.Redis, job_id: int, worker: str) -> bool:
    """Mark the job running under `worker` (one more attempt); False when it finished, or was interrupted
    `MAX_ATTEMPTS` times (then it is marked failed)."""
    if client.hget(_job_key(job_id), "state") in (b"done", b"failed"):
        return False
    if int(client.hget(_job_key(job_id), "attempts") or 0) >= MAX_ATTEMPTS:
        finish_job(client, job_id, 70, "interrupted too often")
        return False
    client.hincrby(_job_key(job_id), "attempts", 1)
    client.hset(_job_key(job_id), mapping={"state": "running", "worker": worker})
    return True


def finish_job(client: redis.Redis, job_id: int, exit_code: int, error: str | None) -> None:
    client.hset(_job_key(job_id), mapping={"state": "done" if exit_code == 0 else "failed", "exit_code": exit_code,
                                           "error": error or "", "finished_at": time.time()})
