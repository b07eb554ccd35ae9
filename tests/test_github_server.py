"""`assay serve`: signed deliveries over real HTTP on 127.0.0.1, replay rejection, and a crash mid-job."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from agent.github.config import GitHubSettings
from agent.github.queue import JobQueue
from agent.github.server import create_app, verify_signature
from test_github_job import HAS_BWRAP, SHOP

from conftest import git
from fake_github import TOKEN, FakeGitHub, load_payload, make_remote, remote_branches

SECRET = "whsec-test-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def signed(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(base: str, payload: dict[str, object], delivery: str, *, signature: str | None = None,
            event: str = "issue_comment") -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery, "Content-Type": "application/json",
               "X-Hub-Signature-256": signature if signature is not None else signed(body)}
    return httpx.post(f"{base}/webhook", content=body, headers=headers, timeout=10)


def wait_for(check: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


@pytest.fixture
def queue_only(tmp_path: Path) -> Iterator[tuple[str, JobQueue]]:
    """The app over real HTTP with no workers: what is accepted stays in the queue to be inspected."""
    queue = JobQueue(tmp_path / "q.db")
    app = create_app(GitHubSettings(token=TOKEN), queue, SECRET, workers=0)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    wait_for(lambda: server.started, 10)
    yield f"http://127.0.0.1:{port}", queue
    server.should_exit = True
    thread.join(10)


def test_signature_check_is_hmac_sha256_of_the_raw_body() -> None:
    assert verify_signature(SECRET.encode(), b"{}", signed(b"{}"))
    assert not verify_signature(SECRET.encode(), b"{} ", signed(b"{}"))
    assert not verify_signature(SECRET.encode(), b"{}", signed(b"{}", "other"))
    assert not verify_signature(SECRET.encode(), b"{}", None)


def test_a_signed_comment_is_queued_and_answered_202(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    response = deliver(base, load_payload("issue_comment.created.issue.json"), "delivery-1")
    assert response.status_code == 202 and response.json() == {"queued": 1}
    assert queue.jobs()[0]["delivery_id"] == "delivery-1" and queue.counts()["queued"] == 1


def test_a_bad_signature_is_401_and_nothing_is_queued(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    payload = load_payload("issue_comment.created.issue.json")
    assert deliver(base, payload, "d1", signature=signed(b"other body")).status_code == 401
    assert deliver(base, payload, "d2", signature="").status_code == 401
    # not even parsed: a body that is not JSON with a wrong signature is a 401, not a 400
    bad = httpx.post(f"{base}/webhook", content=b"not json", timeout=10,
                     headers={"X-GitHub-Delivery": "d3", "X-GitHub-Event": "issue_comment",
                              "X-Hub-Signature-256": signed(b"x")})
    assert bad.status_code == 401
    assert queue.jobs() == []


def test_a_replayed_delivery_is_ignored(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    payload = load_payload("issue_comment.created.issue.json")
    assert deliver(base, payload, "same-id").status_code == 202
    again = deliver(base, payload, "same-id")
    assert again.status_code == 200 and again.json() == {"ignored": "replayed delivery"}
    assert len(queue.jobs()) == 1


def test_the_same_comment_under_a_second_delivery_id_is_not_queued_again(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    payload = load_payload("issue_comment.created.issue.json")
    assert deliver(base, payload, "first-id").status_code == 202
    again = deliver(base, payload, "second-id")
    assert again.status_code == 200
    assert again.json() == {"ignored": f"comment {payload['comment']['id']} already queued as job 1"}
    assert len(queue.jobs()) == 1


def test_ignored_events_are_answered_200_and_not_queued(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    response = deliver(base, load_payload("issue_comment.edited.issue.json"), "d-edit")
    assert response.status_code == 200 and "edited" in response.json()["ignored"]
    assert deliver(base, load_payload("issue_comment.created.bot.json"), "d-bot").json()["ignored"].startswith(
        "comment by a bot")
    assert queue.jobs() == []


def test_a_signed_but_malformed_payload_is_400_and_nothing_is_queued(queue_only: tuple[str, JobQueue]) -> None:
    base, queue = queue_only
    payload = load_payload("issue_comment.created.issue.json")
    payload["issue"]["number"] = "abc"
    response = deliver(base, payload, "d-abc")
    assert response.status_code == 400 and response.json() == {
        "error": "payload field 'number' is 'abc', not a positive integer"}
    assert queue.jobs() == []


def test_healthz_reports_the_queue(queue_only: tuple[str, JobQueue]) -> None:
    base, _ = queue_only
    response = httpx.get(f"{base}/healthz", timeout=10)
    assert response.status_code == 200 and response.json()["jobs"]["queued"] == 0


def test_serve_help_and_missing_secret(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "agent.cli", "serve"]
    shown = subprocess.run([*cmd, "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "--port" in shown.stdout and "ASSAY_WEBHOOK_SECRET" in shown.stdout
    env = {k: v for k, v in os.environ.items() if k != "ASSAY_WEBHOOK_SECRET"}
    refused = subprocess.run([*cmd, "--queue", str(tmp_path / "q.db"), "--port", str(free_port())], env=env,
                             capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "ASSAY_WEBHOOK_SECRET is not set" in refused.stderr
    assert "Traceback" not in refused.stderr


def _serve(tmp_path: Path, port: int, fake: FakeGitHub, clone_url: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "GITHUB_"))}
    env.update({"ASSAY_WEBHOOK_SECRET": SECRET, "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url,
                "ASSAY_CLONE_URL": clone_url, "ASSAY_MODEL": "offline", "ASSAY_PACE_WRITES": "0",
                "ASSAY_PROGRESS_INTERVAL_S": "0", "ASSAY_REQUIRE_SANDBOX": "1" if HAS_BWRAP else "0",
                "ASSAY_WORKDIR": str(tmp_path / "work")})
    with (tmp_path / "serve.log").open("ab") as log:
        # The default 60 s lease: a restarted server takes over its dead predecessor's job without waiting it out.
        return subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--port", str(port), "--queue",
                                 str(tmp_path / "queue.db"), "--workers", "1"],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def test_server_killed_mid_job_finishes_it_exactly_once_after_restart(tmp_path: Path) -> None:
    fake = FakeGitHub().start()
    bare, url = make_remote(tmp_path / "remotes", SHOP)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(tmp_path, port, fake, url)
    try:
        wait_for(lambda: _healthy(base), 30)
        assert deliver(base, load_payload("issue_comment.created.issue.json"), "crash-1").status_code == 202
        # the session is running (its tracking comment shows a model turn): kill the whole server, no shutdown
        wait_for(lambda: any("turn 1" in str(c.body) for c in fake.calls_to("PATCH", r".*/issues/comments/\d+")), 30)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        assert fake.created_pulls == [] and set(remote_branches(bare)) == {"main"}
        assert JobQueue(tmp_path / "queue.db").counts()["running"] == 1  # the lease has ~60 s to go
        assert len(list((tmp_path / "work").iterdir())) == 1  # the dead job's clone

        server = _serve(tmp_path, port, fake, url)
        wait_for(lambda: JobQueue(tmp_path / "queue.db").jobs()[0]["attempts"] == 2, 20)  # not after the lease
        wait_for(lambda: bool(fake.created_pulls), 90)
        wait_for(lambda: JobQueue(tmp_path / "queue.db").counts()["done"] == 1, 30)
        time.sleep(1.0)  # room for a duplicate to show up, if there were one
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        fake.stop()

    assert len(fake.created_pulls) == 1
    assert len(fake.calls_to("POST", r".*/issues/12/comments")) == 1  # one tracking comment, reused
    assert [c.body["content"] for c in fake.calls_to("POST", r".*/reactions")] == ["eyes", "rocket"]
    branches = remote_branches(bare)
    assert set(branches) == {"main", "assay/12-add-tests-for-line-total-in-shop-pricing"}
    assert git(bare, "rev-list", "--count", "main..assay/12-add-tests-for-line-total-in-shop-pricing").strip() == "1"
    (tracking,) = fake.comments.values()
    assert "opened #100" in tracking["body"]
    (job,) = JobQueue(tmp_path / "queue.db").jobs()
    assert job["attempts"] == 2 and job["exit_code"] == 0
    assert list((tmp_path / "work").iterdir()) == []  # the dead job's clone was swept, the new one removed


def test_server_killed_during_post_pulls_finds_the_opened_pull_request_after_restart(tmp_path: Path) -> None:
    fake = FakeGitHub().start()
    bare, url = make_remote(tmp_path / "remotes", SHOP)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(tmp_path, port, fake, url)
    killed: list[int] = []

    def kill_on_create(call: object) -> None:
        # GitHub has opened the pull request; the server dies before the answer reaches it.
        if getattr(call, "method", "") == "POST" and getattr(call, "path", "").endswith("/pulls") and not killed:
            killed.append(server.pid)
            os.killpg(server.pid, signal.SIGKILL)

    fake.on_call = kill_on_create
    try:
        wait_for(lambda: _healthy(base), 30)
        assert deliver(base, load_payload("issue_comment.created.issue.json"), "kill-pulls").status_code == 202
        wait_for(lambda: bool(killed), 90)
        server.wait(10)
        assert len(fake.created_pulls) == 1

        server = _serve(tmp_path, port, fake, url)
        wait_for(lambda: JobQueue(tmp_path / "queue.db").counts()["done"] == 1, 90)
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        fake.stop()

    (job,) = JobQueue(tmp_path / "queue.db").jobs()
    assert job["attempts"] == 2 and job["exit_code"] == 0
    (pull,) = fake.created_pulls  # the retry got 422 and found this one
    assert len(fake.calls_to("POST", r"/repos/octo-org/shop/pulls")) == 2
    assert pull["head"]["ref"] in remote_branches(bare)
    (tracking,) = fake.comments.values()
    assert f"opened #{pull['number']}" in tracking["body"]
    assert [c.body["content"] for c in fake.calls_to("POST", r".*/reactions")] == ["eyes", "rocket"]


def _post_raw(port: int, total: int, *, chunked: bool, signature: str | None = "sha256=" + "0" * 64) -> tuple[int, int]:
    """POST /webhook with up to `total` body bytes sent 256 KB at a time until the server answers.

    Returns the status and how many body bytes had been sent when the answer came.
    """
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = ["POST /webhook HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
            "X-GitHub-Event: issue_comment", "X-GitHub-Delivery: big-1",
            "Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}"]
    if signature is not None:
        head.append(f"X-Hub-Signature-256: {signature}")
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    piece = b" " * (256 * 1024)
    sent = 0
    try:
        while sent < total and not select.select([sock], [], [], 0.001)[0]:
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece)
            sent += len(piece)
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = sock.recv(4096)
    sock.close()
    return int(answer.split()[1]), sent


def _memory_kb(pid: int, field: str) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))  # type: ignore[union-attr]


def test_oversized_bodies_are_refused_before_they_are_buffered(tmp_path: Path) -> None:
    fake = FakeGitHub().start()
    port = free_port()
    server = _serve(tmp_path, port, fake, "/nowhere/{repo}.git")
    gigabyte = 1 << 30
    try:
        wait_for(lambda: _healthy(f"http://127.0.0.1:{port}"), 30)
        before = _memory_kb(server.pid, "VmRSS")
        # Declared too large: refused from the header, the body never read.
        assert _post_raw(port, gigabyte, chunked=False)[0] == 413
        # Streamed without a length: refused once 25 MB have come in, long before the gigabyte.
        status, sent = _post_raw(port, gigabyte, chunked=True)
        assert status == 413 and sent < 200 * (1 << 20)
        # No signature at all: refused before a byte of the body is read.
        assert _post_raw(port, gigabyte, chunked=True, signature=None)[0] == 401
        peak = _memory_kb(server.pid, "VmHWM")
        assert _healthy(f"http://127.0.0.1:{port}")
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
        fake.stop()
    assert peak - before < 100 * 1024, f"the server grew from {before} kB to a peak of {peak} kB"
    assert JobQueue(tmp_path / "queue.db").jobs() == []
