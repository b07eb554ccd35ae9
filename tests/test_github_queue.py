"""The SQLite job queue: durable, de-duplicated, leased, limited, serialised per repository."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import pytest

from agent.github.owners import clone_prefix, owner_tag, sweep_clones
from agent.github.queue import DuplicateJob, JobQueue


def test_an_accepted_job_survives_reopening_the_file(tmp_path: Path) -> None:
    JobQueue(tmp_path / "q.db").enqueue("d1", "o/a", "issue_comment", {"n": 1})
    job = JobQueue(tmp_path / "q.db").claim()
    assert job is not None and job.delivery_id == "d1" and job.payload == {"n": 1} and job.attempts == 1


def test_a_replayed_delivery_id_is_refused(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db")
    assert queue.enqueue("d1", "o/a", "issue_comment", {}) == 1
    assert queue.enqueue("d1", "o/a", "issue_comment", {}) is None
    assert queue.record_delivery("d2", "ignored") is True
    assert queue.record_delivery("d2", "ignored") is False
    assert queue.enqueue("d2", "o/a", "issue_comment", {}) is None
    assert queue.counts()["queued"] == 1


def test_finished_jobs_are_never_claimed_again(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=0.01)
    queue.enqueue("d1", "o/a", "issue_comment", {})
    job = queue.claim()
    assert job is not None
    queue.finish(job.id, 0)
    time.sleep(0.05)
    assert queue.claim() is None and queue.counts()["done"] == 1


def test_a_running_job_is_not_claimed_twice_until_its_lease_runs_out(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=0.3)
    queue.enqueue("d1", "o/a", "issue_comment", {})
    first = queue.claim("worker-1")
    assert first is not None and queue.claim("worker-2") is None
    time.sleep(0.35)
    again = queue.claim("worker-2")  # worker-1 died: its lease ran out
    assert again is not None and again.id == first.id and again.attempts == 2


def test_heartbeats_keep_the_lease(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=0.3)
    queue.enqueue("d1", "o/a", "issue_comment", {})
    job = queue.claim()
    assert job is not None
    for _ in range(3):
        time.sleep(0.15)
        queue.heartbeat(job.id)
        assert queue.claim() is None


def test_a_job_interrupted_too_often_is_failed(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=0.01, max_attempts=2)
    queue.enqueue("d1", "o/a", "issue_comment", {})
    for _ in range(2):
        assert queue.claim() is not None
        time.sleep(0.02)
    assert queue.claim() is None
    assert queue.jobs()[0]["state"] == "failed" and queue.jobs()[0]["error"] == "interrupted too often"


def test_one_job_per_repository_at_a_time_in_arrival_order(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", concurrency=5)
    for n, repo in enumerate(["o/a", "o/a", "o/b"]):
        queue.enqueue(f"d{n}", repo, "issue_comment", {})
    first, second, third = queue.claim(), queue.claim(), queue.claim()
    assert first is not None and second is not None
    assert (first.repo, second.repo, third) == ("o/a", "o/b", None)
    queue.finish(first.id, 0)
    after = queue.claim()
    assert after is not None and after.delivery_id == "d1"


def test_the_concurrency_limit_holds_across_repositories(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", concurrency=2)
    for n in range(3):
        queue.enqueue(f"d{n}", f"o/r{n}", "issue_comment", {})
    assert queue.claim() is not None and queue.claim() is not None
    assert queue.claim() is None


def test_checkpoints_are_stored_with_the_job(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db")
    job_id = queue.enqueue("d1", "o/a", "issue_comment", {})
    assert job_id is not None
    queue.save_checkpoint(job_id, {"tracking_comment_id": 5})
    assert JobQueue(tmp_path / "q.db").checkpoint(job_id) == {"tracking_comment_id": 5}


def test_a_second_job_for_the_same_key_is_refused_and_its_delivery_recorded(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db")
    assert queue.enqueue("d1", "o/a", "issue_comment", {}, key="o/a#comment-5") == 1
    with pytest.raises(DuplicateJob, match="already queued as job 1"):
        queue.enqueue("d2", "o/a", "issue_comment", {}, key="o/a#comment-5")
    assert queue.enqueue("d2", "o/a", "issue_comment", {}, key="o/a#comment-6") is None  # d2 was seen
    assert queue.enqueue("d3", "o/a", "issue_comment", {}, key="o/a#comment-6") == 2
    assert queue.counts()["queued"] == 2


def test_a_job_whose_lease_ran_out_counts_as_interrupted_not_running(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=0.05)
    queue.enqueue("d1", "o/a", "issue_comment", {})
    assert queue.claim() is not None and queue.counts()["running"] == 1
    time.sleep(0.1)
    assert queue.counts()["running"] == 0 and queue.counts()["interrupted"] == 1


def _dead_pid() -> int:
    done = subprocess.run(["sh", "-c", "echo $$"], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_leases_of_gone_workers_on_this_host_are_released_at_once(tmp_path: Path) -> None:
    queue = JobQueue(tmp_path / "q.db", lease_s=600, concurrency=5)
    host = socket.gethostname()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        owners = {"o/dead": f"{host}:{_dead_pid()}:oldboot", "o/alive": f"{host}:{alive.pid}:otherboot",
                  "o/elsewhere": f"other-host:{_dead_pid()}:oldboot", "o/self": owner_tag()}
        for n, (repo, worker) in enumerate(owners.items()):
            queue.enqueue(f"d{n}", repo, "issue_comment", {})
            assert queue.claim(worker) is not None
        released = queue.release_orphans()
    finally:
        alive.kill()
        alive.wait()
    assert released == [1]
    again = queue.claim("new-worker")
    assert again is not None and again.repo == "o/dead" and again.attempts == 2


def test_clones_of_gone_processes_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f"assay-gh-{_dead_pid()}-oldboot-x1"
    mine = tmp_path / f"{clone_prefix()}x2"
    other = tmp_path / "assay-gh-notapid"
    for folder in (dead, mine, other):
        (folder / "repo").mkdir(parents=True)
    assert sweep_clones(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])
