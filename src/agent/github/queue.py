"""A durable job queue in one SQLite file: accepted deliveries survive a restart, and a job is never run twice.

- Durable: `enqueue` commits the delivery and its job in one transaction before the webhook is answered.
- Replays: delivery ids are a primary key; a second delivery with the same id is refused.
- Leases: a claimed job holds a lease its worker renews; when a worker dies (the process was killed),
  the lease runs out and another worker takes the job over. The job resumes from its checkpoints
  (`state.JobState`), so side effects done before the crash (tracking comment, push, pull request) are not
  repeated: execution is at-least-once, effects are once.
- Finished jobs are never claimed again; after `max_attempts` interrupted attempts a job is marked failed.
- Concurrency: at most `concurrency` live leases across every process sharing the file, and at most one
  per repository (jobs on one repo run in arrival order).

Moving beyond one machine keeps this interface (`enqueue`, `claim`, `heartbeat`, `finish`, `checkpoint`,
`save_checkpoint`): with RQ or Celery on Redis, `enqueue` becomes `queue.enqueue(run_job, job_id)` after the
same dedup insert (Redis `SET delivery NX`), a per-repo lock (`SET lock:repo NX PX lease`) gives the
serialisation, `acks_late` + visibility timeout give the lease, and checkpoints move to Redis hashes or
Postgres; on SQS, a FIFO queue with `MessageGroupId=repo` serialises per repo and `MessageDeduplicationId`
= delivery id drops replays, with the visibility timeout as the lease.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent.github.owners import is_gone

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    id TEXT PRIMARY KEY,
    received_at REAL NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id TEXT NOT NULL UNIQUE REFERENCES deliveries(id),
    repo TEXT NOT NULL,
    event_name TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT,
    lease_until REAL,
    checkpoint TEXT NOT NULL DEFAULT '{}',
    exit_code INTEGER,
    error TEXT,
    created_at REAL NOT NULL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, id);
CREATE TABLE IF NOT EXISTS handled (
    key TEXT PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id)
);
"""


class DuplicateJob(Exception):
    """The same comment was already queued under another delivery id (a redelivery, or two apps)."""

    def __init__(self, job_id: int) -> None:
        super().__init__(f"already queued as job {job_id}")
        self.job_id = job_id


@dataclass(frozen=True)
class QueuedJob:
    """A claimed job: what to run and which attempt this is."""

    id: int
    delivery_id: str
    repo: str
    event_name: str
    payload: dict[str, Any]
    attempts: int


class JobQueue:
    """The SQLite-backed queue; safe to use from several threads and processes (one connection per call)."""

    def __init__(self, path: Path, *, concurrency: int = 2, lease_s: float = 60.0, max_attempts: int = 3) -> None:
        self.path = path
        self.concurrency = concurrency
        self.lease_s = lease_s
        self.max_attempts = max_attempts
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA synchronous=FULL")
            yield db
        finally:
            db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def record_delivery(self, delivery_id: str, outcome: str) -> bool:
        """Remember a delivery that starts no job (for replay detection); False if the id was seen before."""
        with self._transaction() as db:
            try:
                db.execute("INSERT INTO deliveries VALUES (?, ?, ?)", (delivery_id, time.time(), outcome))
            except sqlite3.IntegrityError:
                return False
        return True

    def enqueue(self, delivery_id: str, repo: str, event_name: str, payload: dict[str, Any], *,
                key: str | None = None) -> int | None:
        """Store the delivery and its job durably; the job id, or None for a replayed delivery id.

        `key` names what the job answers (e.g. `owner/repo#comment-123`): a second delivery with the same key
        is recorded and refused with `DuplicateJob`, in the same transaction, so two deliveries of one comment
        never both run.
        """
        with self._transaction() as db:
            existing = db.execute("SELECT job_id FROM handled WHERE key = ?", (key,)).fetchone() if key else None
            try:
                db.execute("INSERT INTO deliveries VALUES (?, ?, ?)", (delivery_id, time.time(),
                                                                      f"duplicate of job {existing[0]}" if existing
                                                                      else "queued"))
            except sqlite3.IntegrityError:
                return None
            if existing:
                duplicate = DuplicateJob(int(existing[0]))
            else:
                cursor = db.execute(
                    "INSERT INTO jobs (delivery_id, repo, event_name, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                    (delivery_id, repo, event_name, json.dumps(payload), time.time()))
                job_id = int(cursor.lastrowid or 0)
                if key:
                    db.execute("INSERT INTO handled VALUES (?, ?)", (key, job_id))
                return job_id
        raise duplicate

    def claim(self, worker: str | None = None) -> QueuedJob | None:
        """Lease the oldest runnable job (a repo with no live lease, within the concurrency limit), if any."""
        worker = worker or uuid.uuid4().hex
        now = time.time()
        with self._transaction() as db:
            self._give_up_exhausted(db, now)
            live = db.execute("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_until > ?",
                              (now,)).fetchone()[0]
            if live >= self.concurrency:
                return None
            row = db.execute(
                "SELECT * FROM jobs WHERE (state = 'queued' OR (state = 'running' AND lease_until <= ?)) "
                "AND repo NOT IN (SELECT repo FROM jobs WHERE state = 'running' AND lease_until > ?) "
                "ORDER BY id LIMIT 1", (now, now)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET state = 'running', worker = ?, lease_until = ?, attempts = attempts + 1 "
                       "WHERE id = ?", (worker, now + self.lease_s, row["id"]))
        return QueuedJob(row["id"], row["delivery_id"], row["repo"], row["event_name"], json.loads(row["payload"]),
                         row["attempts"] + 1)

    def _give_up_exhausted(self, db: sqlite3.Connection, now: float) -> None:
        db.execute("UPDATE jobs SET state = 'failed', error = 'interrupted too often', finished_at = ? "
                   "WHERE state = 'running' AND lease_until <= ? AND attempts >= ?", (now, now, self.max_attempts))

    def release_orphans(self) -> list[int]:
        """End the leases held by workers that are gone (`owners.is_gone`), so their jobs resume now, not when
        the lease runs out; the ids of those jobs."""
        now = time.time()
        with self._transaction() as db:
            rows = db.execute("SELECT id, worker FROM jobs WHERE state = 'running' AND lease_until > ?",
                              (now,)).fetchall()
            orphans = [int(r["id"]) for r in rows if r["worker"] and is_gone(str(r["worker"]))]
            db.executemany("UPDATE jobs SET lease_until = ? WHERE id = ?", [(now, i) for i in orphans])
        return orphans

    def heartbeat(self, job_id: int) -> None:
        """Extend the lease of a running job."""
        with self._transaction() as db:
            db.execute("UPDATE jobs SET lease_until = ? WHERE id = ? AND state = 'running'",
                       (time.time() + self.lease_s, job_id))

    def finish(self, job_id: int, exit_code: int, error: str | None = None) -> None:
        """Mark a job done (exit 0) or failed; it is never claimed again."""
        with self._transaction() as db:
            db.execute("UPDATE jobs SET state = ?, exit_code = ?, error = ?, finished_at = ?, lease_until = NULL "
                       "WHERE id = ?", ("done" if exit_code == 0 else "failed", exit_code, error, time.time(),
                                        job_id))

    def checkpoint(self, job_id: int) -> dict[str, Any]:
        """The job's saved progress (see `state.JobState`)."""
        with self._connect() as db:
            row = db.execute("SELECT checkpoint FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def save_checkpoint(self, job_id: int, data: dict[str, Any]) -> None:
        with self._transaction() as db:
            db.execute("UPDATE jobs SET checkpoint = ? WHERE id = ?", (json.dumps(data), job_id))

    def counts(self) -> dict[str, int]:
        """Jobs per state, e.g. {"queued": 1, "running": 0, "interrupted": 0, "done": 3, "failed": 0}.

        `running` counts only live leases; a job whose worker stopped renewing it is `interrupted` until a
        worker takes it over.
        """
        with self._connect() as db:
            rows = db.execute("SELECT CASE WHEN state = 'running' AND (lease_until IS NULL OR lease_until <= ?) "
                              "THEN 'interrupted' ELSE state END, COUNT(*) FROM jobs GROUP BY 1",
                              (time.time(),)).fetchall()
        counts = {"queued": 0, "running": 0, "interrupted": 0, "done": 0, "failed": 0}
        counts.update({str(r[0]): int(r[1]) for r in rows})
        return counts

    def jobs(self) -> list[dict[str, Any]]:
        """Every job as a dict (for `/healthz`-style inspection and tests), oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT id, delivery_id, repo, state, attempts, exit_code, error FROM jobs "
                              "ORDER BY id").fetchall()
        return [dict(r) for r in rows]
