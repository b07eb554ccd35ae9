"""The Celery executor with real parts: a redis-server on a loopback port, real `assay worker` processes, the
real `assay eval` / `assay serve`, and the fake GitHub. Workers are killed with SIGKILL (no shutdown)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from agent.evals.cases import default_cases_root
from test_github_job import HAS_BWRAP, SHOP

from fake_github import TOKEN, FakeGitHub, load_payload, make_remote, remote_branches

REDIS = shutil.which("redis-server")
needs_redis = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (apt-get install redis-server)")
SECRET = "whsec-test-0123456789"
FAST_CASES = ("retry-policy-advice", "webhook-signature")
"""The cheapest offline attempts of each kind the executor moves: an advice case (a few seconds, nothing written) and
a files case (tests written and graded, 15-20 s on 2 cores; long enough to kill a worker in the middle of it)."""
# A dead worker's job is taken over this fast here; a deployment keeps the defaults (docs/scaling.md).
FAST_TAKEOVER = {"ASSAY_VISIBILITY_TIMEOUT_S": "4", "ASSAY_LEASE_S": "3"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANTHROPIC_", "GITHUB_", "ASSAY_"))}
    env.update(extra)
    return env


class Redis:
    """A redis-server of the test's own, persisting every write (append-only file, fsync always)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.port = folder, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None
        folder.mkdir(parents=True, exist_ok=True)

    def start(self) -> None:
        assert REDIS is not None
        with (self.folder / "redis.log").open("ab") as log:
            self.proc = subprocess.Popen([REDIS, "--port", str(self.port), "--bind", "127.0.0.1", "--dir",
                                          str(self.folder), "--appendonly", "yes", "--appendfsync", "always",
                                          "--save", "", "--protected-mode", "no"], stdout=log, stderr=log)
        wait_for(self._answers, 10, "redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Redis]:
    server = Redis(tmp_path / "redis")
    server.start()
    yield server
    server.kill()


class Worker:
    """One `assay worker` process (its own session, so SIGKILL takes its pool processes with it)."""

    def __init__(self, tmp_path: Path, name: str, redis: Redis, env: dict[str, str], *extra: str) -> None:
        self.log = tmp_path / f"{name}.log"
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "agent.cli", "worker", "--concurrency", "1", "--name", f"{name}@test",
                 "--workdir", str(tmp_path / name), *extra],
                env={**env, "ASSAY_BROKER_URL": redis.url}, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        wait_for(lambda: "ready." in self.text() or self.proc.poll() is not None, 60, f"worker {name}")
        assert self.proc.poll() is None, self.text()

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[list[Worker]]:
    started: list[Worker] = []
    yield started
    for worker in started:
        worker.kill()


def eval_cmd(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "agent.cli", "eval", "--no-mutants", "--quiet", "--out", str(out), *extra]


def fast_cases(folder: Path) -> Path:
    """Copies of the FAST_CASES the repository ships (same digests as the workers' own)."""
    for case in FAST_CASES:
        shutil.copytree(default_cases_root() / case, folder / case,
                        ignore=shutil.ignore_patterns("node_modules", "__pycache__", ".pytest_cache"))
    return folder


def run_cases(cases: Path, out: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(eval_cmd(out, "--cases-dir", str(cases), *extra), env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done


def lines(out: Path) -> dict[str, dict[str, object]]:
    found = [json.loads(raw) for raw in (out / "results.jsonl").read_text().splitlines() if raw.strip()]
    by_key = {str(line["key"]): line for line in found}
    assert len(by_key) == len(found), "an attempt was written twice"
    return by_key


SAME = ("case_digest", "score", "passed", "grades", "exit_code", "error", "changed_files", "model", "skill_hash",
        "metrics.turns")


_SECONDS = re.compile(r"\b\d+(\.\d+)?s\b")


def comparable(line: dict[str, object]) -> dict[str, object]:
    """The result without wall-clock figures: a grader's detail quotes the runner's own "2 passed in 0.04s"."""
    metrics = line["metrics"]
    assert isinstance(metrics, dict)
    same = {k: line[k] for k in SAME if "." not in k}
    grades = same.get("grades")
    if isinstance(grades, list):
        same["grades"] = [{**g, "detail": _SECONDS.sub("<s>", str(g.get("detail", "")))} for g in grades]
    return {**same, "turns": metrics["turns"]}


@needs_redis
def test_an_eval_over_two_workers_equals_the_local_run_case_by_case(tmp_path: Path, redis_server: Redis,
                                                                    workers: list[Worker]) -> None:
    env = clean_env()
    workers += [Worker(tmp_path, name, redis_server, env) for name in ("w1", "w2")]
    cases = fast_cases(tmp_path / "cases")
    # one attempt per case, two for two workers: a second repeat takes the same path (its number is in the job key)
    with ThreadPoolExecutor(2) as both:  # independent runs of a deterministic engine: at the same time
        local = both.submit(run_cases, cases, tmp_path / "local", env, "--executor", "local")
        remote = both.submit(run_cases, cases, tmp_path / "celery", env, "--executor", "celery",
                             "--broker", redis_server.url)
        local.result(), remote.result()

    here, there = lines(tmp_path / "local"), lines(tmp_path / "celery")
    assert sorted(there) == sorted(here) and len(here) == len(FAST_CASES)
    for key in here:
        assert comparable(there[key]) == comparable(here[key]), key
        # the attempt's files came back under --out, where the line says they are
        attempt = Path(str(there[key]["attempt_dir"]))
        assert attempt.parent == tmp_path / "celery" / "attempts" and (attempt / "session.log").is_file()
        run_dir = Path(str(there[key]["run_dir"]))
        assert run_dir.is_relative_to(attempt) and (run_dir / "outcome.json").is_file()
    finished = re.findall(r"attempt (attempt-[0-9a-f]+) \(\S+\) finished", workers[0].text() + workers[1].text())
    assert len(finished) == len(set(finished)) == len(here)  # each attempt ran once, on one of the two workers
    # and the work was shared: a worker takes one message at a time (prefetch 1, acks late), so with both idle when
    # the attempts were sent, each took at least one
    assert all(") finished" in worker.text() for worker in workers), [w.text()[-2000:] for w in workers]
    # resumable: the same eval again runs nothing and keeps every line
    run_cases(cases, tmp_path / "celery", env, "--executor", "celery", "--broker", redis_server.url)
    assert lines(tmp_path / "celery") == there
    assert len(re.findall(r"\) (started|finished)", workers[0].text() + workers[1].text())) == 2 * len(here)


@needs_redis
def test_a_worker_killed_mid_attempt_and_a_redis_crash_leave_the_attempt_to_the_other_worker_which_completes_it_once(
        tmp_path: Path, redis_server: Redis, workers: list[Worker]) -> None:
    env = clean_env(**FAST_TAKEOVER)
    workers += [Worker(tmp_path, name, redis_server, env) for name in ("w1", "w2")]
    out = tmp_path / "out"
    client = subprocess.Popen(eval_cmd(out, "--cases", FAST_CASES[1], "--executor", "celery", "--broker",
                                       redis_server.url), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: any(") started" in w.text() for w in workers), 60, "an attempt to start")
        victim = next(w for w in workers if ") started" in w.text())
        victim.kill()
        assert ") finished" not in victim.text()  # killed mid-attempt
        assert not (out / "results.jsonl").exists() or not (out / "results.jsonl").read_text().strip()
        redis_server.kill()  # and Redis crashes while the client waits: the accepted attempt is not lost
        redis_server.start()
        _, stderr = client.communicate(timeout=120)
    finally:
        if client.poll() is None:
            client.kill()
    assert client.returncode in (0, 1), stderr
    (survivor,) = [w for w in workers if w is not victim]
    assert len(re.findall(r"\) finished", survivor.text())) == 1
    (line,) = lines(out).values()
    assert line["key"] == f"{FAST_CASES[1]}@1#1" and Path(str(line["attempt_dir"])).is_dir()


@needs_redis
def test_an_eval_whose_client_was_killed_collects_the_finished_attempt_without_running_it_again(
        tmp_path: Path, redis_server: Redis, workers: list[Worker]) -> None:
    env = clean_env()
    workers.append(Worker(tmp_path, "w1", redis_server, env))
    out = tmp_path / "out"
    # the advice case: its attempt runs for seconds after it starts, far longer than the kill takes
    cmd = eval_cmd(out, "--cases", FAST_CASES[0], "--executor", "celery", "--broker", redis_server.url)
    client = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: ") started" in workers[0].text(), 60, "the attempt to start")
    client.kill()
    client.wait(10)
    wait_for(lambda: ") finished" in workers[0].text(), 60, "the attempt to finish")
    assert not (out / "results.jsonl").exists() or not (out / "results.jsonl").read_text().strip()

    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode in (0, 1), again.stderr
    (line,) = lines(out).values()
    assert (Path(str(line["attempt_dir"])) / "session.log").is_file()
    assert workers[0].text().count(") started") == 1


@needs_redis
def test_a_worker_whose_case_differs_refuses_the_attempt_and_the_eval_stops_with_one_line(
        tmp_path: Path, redis_server: Redis, workers: list[Worker]) -> None:
    env = clean_env()
    theirs = fast_cases(tmp_path / "worker-cases")
    case_file = theirs / FAST_CASES[1] / "case.yaml"
    case_file.write_text(case_file.read_text() + "\n# edited on this worker only\n")
    workers.append(Worker(tmp_path, "w1", redis_server, env, "--cases-dir", str(theirs)))
    out = tmp_path / "out"
    done = subprocess.run(eval_cmd(out, "--cases", FAST_CASES[1], "--executor", "celery", "--broker",
                                   redis_server.url), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    (message,) = done.stderr.strip().splitlines()
    assert message.startswith(f"assay: attempt {FAST_CASES[1]}#1 failed on a worker: case "
                              f"{FAST_CASES[1]} on this worker has digest ")
    assert not (out / "results.jsonl").exists() or not (out / "results.jsonl").read_text().strip()
    assert not (out / "attempts").exists()


def _serve(tmp_path: Path, port: int, redis: Redis) -> subprocess.Popen[bytes]:
    env = clean_env(ASSAY_WEBHOOK_SECRET=SECRET, ASSAY_BROKER_URL=redis.url)
    with (tmp_path / "serve.log").open("ab") as log:
        return subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--port", str(port), "--executor",
                                 "celery"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _github_env(tmp_path: Path, fake: FakeGitHub, clone_url: str) -> dict[str, str]:
    return clean_env(GITHUB_TOKEN=TOKEN, GITHUB_API_URL=fake.url, ASSAY_CLONE_URL=clone_url, ASSAY_MODEL="offline",
                     ASSAY_PACE_WRITES="0", ASSAY_PROGRESS_INTERVAL_S="0",
                     ASSAY_REQUIRE_SANDBOX="1" if HAS_BWRAP else "0", ASSAY_WORKDIR=str(tmp_path / "work"),
                     **FAST_TAKEOVER)


def _deliver(base: str, delivery: str) -> httpx.Response:
    import hashlib
    import hmac

    body = json.dumps(load_payload("issue_comment.created.issue.json")).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return httpx.post(f"{base}/webhook", content=body, timeout=10,
                      headers={"X-GitHub-Event": "issue_comment", "X-GitHub-Delivery": delivery,
                               "Content-Type": "application/json", "X-Hub-Signature-256": signature})


def _jobs(base: str) -> dict[str, int]:
    try:
        answer = httpx.get(f"{base}/healthz", timeout=2)
    except httpx.HTTPError:
        return {}
    return dict(answer.json()["jobs"]) if answer.status_code == 200 else {}


def _one_pull_request(fake: FakeGitHub, bare: Path) -> None:
    assert len(fake.created_pulls) == 1
    assert len(fake.calls_to("POST", r".*/issues/12/comments")) == 1  # one tracking comment, reused
    assert [c.body["content"] for c in fake.calls_to("POST", r".*/reactions")] == ["eyes", "rocket"]
    assert set(remote_branches(bare)) == {"main", "assay/12-add-tests-for-line-total-in-shop-pricing"}
    (tracking,) = fake.comments.values()
    assert "opened #100" in tracking["body"]


@needs_redis
def test_an_accepted_github_job_survives_redis_crashes_and_a_worker_killed_mid_job_with_one_pull_request(
        tmp_path: Path, redis_server: Redis, workers: list[Worker]) -> None:
    fake = FakeGitHub().start()
    bare, url = make_remote(tmp_path / "remotes", SHOP)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(tmp_path, port, redis_server)
    try:
        wait_for(lambda: bool(_jobs(base)), 30, "assay serve")
        assert _deliver(base, "kill-1").status_code == 202  # accepted while no worker runs
        assert _deliver(base, "kill-1").json() == {"ignored": "replayed delivery"}
        assert _jobs(base)["queue_depth"] == 1
        redis_server.kill()  # a crash, not a shutdown: nothing is saved on the way out
        redis_server.start()
        env = _github_env(tmp_path, fake, url)
        workers += [Worker(tmp_path, name, redis_server, env) for name in ("w1", "w2")]
        wait_for(lambda: any("turn 1" in str(c.body) for c in fake.calls_to("PATCH", r".*/issues/comments/\d+")),
                 60, "the session to run")
        victim = next(w for w in workers if "github job 1 " in w.text() and "started" in w.text())
        victim.kill()
        assert fake.created_pulls == []
        (survivor,) = [w for w in workers if w is not victim]
        wait_for(lambda: "github job 1 " in survivor.text(), 60, "the other worker to take the job over")
        redis_server.kill()  # Redis crashes again, while the job runs on the other worker
        redis_server.start()
        wait_for(lambda: _jobs(base).get("done") == 1, 120, "the job to finish on the other worker")
        time.sleep(1.0)  # room for a duplicate to show up, if there were one
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        fake.stop()
    _one_pull_request(fake, bare)
    assert "github job 1 finished with exit 0" in survivor.text()


def test_a_broker_that_does_not_answer_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    env = clean_env()
    commands = {
        "eval": eval_cmd(tmp_path / "out", "--cases", FAST_CASES[1], "--executor", "celery", "--broker", dead),
        "worker": [sys.executable, "-m", "agent.cli", "worker", "--broker", dead, "--workdir", str(tmp_path / "w")],
        "serve": [sys.executable, "-m", "agent.cli", "serve", "--executor", "celery", "--broker", dead,
                  "--port", str(free_port()), "--queue", str(tmp_path / "q.db")],
    }
    running = {name: subprocess.Popen(cmd, env={**env, "ASSAY_WEBHOOK_SECRET": SECRET}, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for name, cmd in commands.items()}
    for name, proc in running.items():
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 2, (name, stderr)
        assert stderr.strip().splitlines() == [f"assay: broker {dead} does not answer: "
                                               f"{stderr.split('does not answer: ')[-1].strip()}"], name
        assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no --out, no worker folder, no queue file


@needs_redis
def test_a_repository_lease_is_held_by_one_holder_until_released_or_expired(redis_server: Redis) -> None:
    from agent.distributed.broker import Lease, connect

    client = connect(redis_server.url)
    first, second = Lease(client, "assay:gh:repo-lease:o/r", 1.0), Lease(client, "assay:gh:repo-lease:o/r", 1.0)
    assert first.acquire() and not second.acquire()
    second.release()  # not its lease: nothing happens
    assert not second.acquire() and first.renew()
    first.release()
    assert second.acquire() and not first.renew()
    time.sleep(1.2)  # its holder died: the lease runs out
    assert first.acquire()


@needs_redis
def test_the_celery_intake_refuses_replays_and_a_second_delivery_of_one_comment(redis_server: Redis) -> None:
    from agent.distributed import celery_intake
    from agent.github.queue import DuplicateJob

    intake, shown = celery_intake(redis_server.url)
    assert shown == redis_server.url
    assert intake.enqueue("d-1", "o/r", "issue_comment", {"n": 1}, key="o/r#comment-7") == 1
    assert intake.enqueue("d-1", "o/r", "issue_comment", {"n": 1}, key="o/r#comment-7") is None
    with pytest.raises(DuplicateJob) as duplicate:
        intake.enqueue("d-2", "o/r", "issue_comment", {"n": 1}, key="o/r#comment-7")
    assert duplicate.value.job_id == 1
    assert intake.record_delivery("d-3", "ignored: not a command") and not intake.record_delivery("d-3", "again")
    assert intake.counts() == {"queued": 1, "running": 0, "interrupted": 0, "done": 0, "failed": 0, "queue_depth": 1}
