"""What a sandboxed command can reach besides files: host sockets, processes, disk, other sandboxes (issue 11,
items 4, 5, 10, 11)."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.sandbox import BwrapSandbox, Limits, ProcessSandbox, bwrap_works
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from scripts import GOOD_TEST, good_submission

needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text("x = 1\n")
    return root


def _unix_server(folder: str) -> Iterator[tuple[Path, list[bytes]]]:
    """A world-writable Unix socket in `folder` that records what it is sent."""
    os.makedirs(folder, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="assay-sock-", dir=folder)) / "s.sock"
    path.parent.chmod(0o755)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    path.chmod(0o777)
    server.listen()
    server.settimeout(0.2)
    got: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            got.append(conn.recv(100))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield path, got
    stop.set()
    thread.join()
    server.close()
    path.unlink()
    path.parent.rmdir()


@needs_bwrap
@pytest.mark.parametrize("folder", ["/run", "/var/tmp"])
def test_host_unix_sockets_are_out_of_reach(repo: Path, folder: str) -> None:
    for path, got in _unix_server(folder):
        client = (f"import socket; s = socket.socket(socket.AF_UNIX); s.connect({str(path)!r}); "
                  "s.sendall(b'hello'); print('connected')")
        result = BwrapSandbox().run(["python3", "-c", client], cwd=repo, timeout=20)
        time.sleep(0.3)
        assert "connected" not in result.output and got == []


@needs_bwrap
def test_a_user_namespace_cannot_be_made_inside(repo: Path) -> None:
    result = BwrapSandbox().run("unshare --user --map-root-user id -u || echo refused", cwd=repo, timeout=20)
    assert "refused" in result.output


def test_fallback_a_daemon_holding_stdout_neither_hangs_nor_survives(repo: Path) -> None:
    marker = f"assay-daemon-{os.getpid()}"
    start = time.monotonic()
    result = ProcessSandbox().run(f"(setsid sh -c 'exec -a {marker} sleep 300' &); echo started", cwd=repo, timeout=5)
    assert time.monotonic() - start < 10
    assert "started" in result.output and result.exit_code == 0
    time.sleep(0.3)
    survivors = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.strip()
    assert survivors == ""


def test_fallback_a_timed_out_double_fork_leaves_nothing(repo: Path) -> None:
    marker = f"assay-double-{os.getpid()}"
    result = ProcessSandbox().run(f"(setsid sh -c 'exec -a {marker} sleep 300' &); sleep 60", cwd=repo, timeout=1)
    assert result.timed_out
    time.sleep(0.3)
    assert subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.strip() == ""


@needs_bwrap
def test_private_tmp_is_size_capped(repo: Path) -> None:
    fill = "; ".join(f"head -c 400M /dev/zero > /tmp/big{i}; echo exit=$?" for i in range(3))
    result = BwrapSandbox().run(f"{fill}; rm -f /tmp/big*", cwd=repo, timeout=120)
    assert "No space left" in result.output and result.output.count("exit=0") == 2, result.output


@needs_bwrap
@pytest.mark.skipif(os.geteuid() != 0, reason="per-sandbox uids exist only when assay runs as root")
def test_concurrent_sandboxes_do_not_share_a_process_limit(repo: Path) -> None:
    hog, other = BwrapSandbox(limits=Limits(max_processes=40)), BwrapSandbox(limits=Limits(max_processes=40))
    assert hog.uid != other.uid
    holding = threading.Thread(target=hog.run, args=("for i in $(seq 60); do sleep 8 & done; wait",),
                               kwargs={"cwd": repo, "timeout": 10})
    holding.start()
    time.sleep(2)
    result = other.run("for i in 1 2 3 4 5; do sh -c 'echo forked' & done; wait", cwd=repo, timeout=20)
    holding.join()
    assert result.output.count("forked") == 5, result.output


def test_fallback_source_edits_by_commands_are_reported(py_repo: Path) -> None:
    model = ScriptedModel([
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("run_command", {"command": "echo '# changed by a command' >> shop/pricing.py"}),
        tool_use("submit_outcome", good_submission()),
    ])
    result = run_session(RunConfig(repo=py_repo, request="add tests for line_total"), model=model,
                         sandbox=ProcessSandbox(), progress=lambda _: None)
    assert "a command changed shop/pricing.py outside the file tools (sandbox process)" in \
        result.outcome.run.discrepancies
    told = str(model.requests[-1].messages[-1])
    assert "changed files outside the file tools: shop/pricing.py" in told


@needs_bwrap
def test_hidden_paths_show_nothing_while_a_repo_inside_them_stays_visible(tmp_path: Path) -> None:
    cases = tmp_path / "checkout" / "evals" / "cases" / "orders"
    cases.mkdir(parents=True)
    (cases / "fix.patch").write_text("ANSWER-PATCH\n")
    results = tmp_path / "checkout" / "evals" / "results"
    attempt = results / "attempt-1" / "repo"
    attempt.mkdir(parents=True)
    (attempt / "app.py").write_text("x = 1\n")
    (results / "attempt-2.json").write_text('{"SCORE": 1}\n')
    sandbox = BwrapSandbox(hide=(str(tmp_path / "checkout"), str(results)))
    result = sandbox.run(f"cat app.py; cat {cases}/fix.patch; ls {results}; cat {results}/attempt-2.json",
                         cwd=attempt, timeout=20)
    assert "x = 1" in result.output
    assert "ANSWER-PATCH" not in result.output and "SCORE" not in result.output
    assert "attempt-2.json" not in result.output.splitlines()  # not listed; only named in the error
