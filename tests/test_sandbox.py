"""Attacks on the sandbox, from a command and from a written test. Each asserts what was observed."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from agent.errors import SandboxUnavailable
from agent.sandbox import BwrapSandbox, Limits, ProcessSandbox, Sandbox, bwrap_works, default_sandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from scripts import good_submission

needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")
SANDBOXES = [pytest.param(BwrapSandbox, marks=needs_bwrap, id="bwrap"), pytest.param(ProcessSandbox, id="fallback")]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text("x = 1\n")
    return root


@pytest.fixture
def listener():
    """A TCP server on 127.0.0.1 that records whether anyone connected."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[bool] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(True)
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


@needs_bwrap
def test_no_network_not_even_loopback(repo: Path, listener: tuple[int, list[bool]]) -> None:
    port, hits = listener
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2); print('CONNECTED')"
    result = BwrapSandbox().run(["python3", "-c", code], cwd=repo, timeout=10)
    assert result.exit_code != 0 and "CONNECTED" not in result.output
    assert hits == []


@needs_bwrap
def test_home_secrets_are_masked(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "id_ed25519").write_text("PRIVATE-KEY-MATERIAL")
    monkeypatch.setenv("HOME", str(home))
    result = BwrapSandbox().run(f"cat {home}/.ssh/id_ed25519; echo LISTING; ls -A {home}; cat /root/.bashrc",
                                cwd=repo, timeout=10)
    assert "PRIVATE-KEY-MATERIAL" not in result.output
    assert "No such file or directory" in result.output
    assert result.output.split("LISTING\n", 1)[1].startswith("cat: /root/.bashrc"), "the home folder looks empty"


@needs_bwrap
@pytest.mark.skipif(os.geteuid() != 0, reason="the root-owned-file trap only exists when assay runs as root")
def test_runs_as_an_unprivileged_uid_without_capabilities(repo: Path) -> None:
    sandbox = BwrapSandbox()
    result = sandbox.run("id -u; grep CapEff /proc/self/status; cat /etc/shadow; mount -o remount,rw /",
                         cwd=repo, timeout=10)
    lines = result.output.splitlines()
    assert lines[0] == str(sandbox.uid) and sandbox.uid >= 0x40000
    assert lines[1].split()[1] == "0000000000000000"
    assert "Permission denied" in result.output and "root:" not in result.output
    assert "must be superuser" in result.output or "permission denied" in result.output.lower()


@needs_bwrap
def test_environment_secrets_never_reach_the_sandbox_or_its_reaper(repo: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-planted-secret")
    monkeypatch.setenv("DEPLOY_TOKEN", "planted-token")
    result = BwrapSandbox().run("env; cat /proc/1/environ 2>/dev/null | tr '\\0' '\\n'", cwd=repo, timeout=10)
    assert "planted" not in result.output


@needs_bwrap
def test_the_repo_is_read_only_and_nothing_is_written_outside(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    sandbox = BwrapSandbox()
    report = sandbox.scratch.output("report")
    result = sandbox.run(f"echo pwned > {outside}; echo pwned > app.py; rm -f app.py; mkdir -p .assay/tmp; "
                         f"echo pwned > {sandbox.scratch.inputs}/spec.json; echo ok > {report}", cwd=repo, timeout=10)
    assert not outside.exists()
    assert (repo / "app.py").read_text() == "x = 1\n"
    assert not (repo / ".assay").exists() and not (sandbox.scratch.inputs / "spec.json").exists()
    assert sandbox.scratch.read(report) == b"ok\n", result.output
    sandbox.close()
    assert not report.parent.parent.exists()


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_infinite_loop_is_killed_with_its_whole_tree(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    marker = f"assay-loop-{os.getpid()}-{sandbox_cls.__name__}"
    start = time.monotonic()
    result = sandbox_cls().run(f"(exec -a {marker} sleep 300) & while true; do :; done", cwd=repo, timeout=1)
    assert result.timed_out and result.exit_code is None
    assert time.monotonic() - start < 10
    time.sleep(0.3)
    survivors = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.strip()
    assert survivors == ""


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_a_gigabyte_of_output_is_capped(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    start = time.monotonic()
    result = sandbox_cls().run("echo FIRST; head -c 1000000000 /dev/zero | tr '\\0' 'y'; echo; echo LAST",
                               cwd=repo, timeout=60)
    assert result.exit_code == 0 and result.truncated
    assert result.output.startswith("FIRST") and result.output.rstrip().endswith("LAST")
    assert len(result.output) < 70_000
    assert time.monotonic() - start < 60


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_a_command_reading_stdin_gets_eof(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    result = sandbox_cls().run("cat; echo done", cwd=repo, timeout=10)
    assert result.exit_code == 0 and "done" in result.output and not result.timed_out


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_a_command_longer_than_an_argument_may_be_still_runs(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    """Linux refuses one argv string over 128 KiB; a long script (a heredoc carrying a program) runs from a file."""
    payload = "x" * 300_000
    command = f"python3 - <<'EOF'\ndata = {payload!r}\nprint(len(data), 'chars')\nEOF"
    sandbox = sandbox_cls()
    try:
        result = sandbox.run(command, cwd=repo, timeout=30)
    finally:
        sandbox.close()
    assert result.exit_code == 0, result.output
    assert "300000 chars" in result.output
    assert list(repo.iterdir()) == [repo / "app.py"]


@needs_bwrap
def test_fork_bomb_is_contained_and_the_next_command_works(repo: Path) -> None:
    sandbox = BwrapSandbox(limits=Limits(max_processes=64))
    bomb = sandbox.run("bomb() { bomb | bomb & }; bomb; sleep 2", cwd=repo, timeout=5)
    assert bomb.exit_code is None or bomb.exit_code != 0 or "fork" in bomb.output.lower() or bomb.timed_out
    after = sandbox.run("echo alive", cwd=repo, timeout=10)
    assert after.exit_code == 0 and after.output.strip() == "alive"


def test_require_sandbox_refuses_without_bwrap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no bwrap on PATH
    bwrap_works.cache_clear()
    try:
        with pytest.raises(SandboxUnavailable, match="bubblewrap"):
            default_sandbox(require=True)
        monkeypatch.setenv("ASSAY_REQUIRE_SANDBOX", "1")
        with pytest.raises(SandboxUnavailable):
            default_sandbox()
        monkeypatch.delenv("ASSAY_REQUIRE_SANDBOX")
        assert isinstance(default_sandbox(), ProcessSandbox)
    finally:
        bwrap_works.cache_clear()


@needs_bwrap
def test_a_written_test_cannot_delete_the_repo_or_reach_the_network(py_repo: Path, tmp_path: Path,
                                                                    listener: tuple[int, list[bool]]) -> None:
    port, hits = listener
    outside = tmp_path / "escaped.txt"
    hostile = f'''\
import pathlib, shutil, socket


def test_hostile():
    shutil.rmtree("shop", ignore_errors=True)
    pathlib.Path("{outside}").write_text("escaped")
    assert socket.create_connection(("127.0.0.1", {port}), timeout=2)
'''
    submission = good_submission("tests/test_hostile.py")
    submission["implementation"]["files"][0]["tests"] = ["test_hostile"]
    model = ScriptedModel([tool_use("write_file", {"path": "tests/test_hostile.py", "content": hostile}),
                           tool_use("run_command", {"command": "python -m pytest -q tests/test_hostile.py"}),
                           tool_use("submit_outcome", submission)])
    result = run_session(RunConfig(repo=py_repo, request="add tests"), model=model, sandbox=BwrapSandbox(),
                         progress=lambda _: None)
    assert (py_repo / "shop" / "pricing.py").exists()
    assert not outside.exists() and hits == []
    assert result.exit_code == 1 and result.outcome.run.commands[0].failed == 1


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_a_memory_bomb_is_stopped_while_a_modest_allocation_works(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    sandbox = sandbox_cls(limits=Limits(memory_bytes=512 * 1024**2))
    modest = sandbox.run(["python3", "-c", "b = bytearray(256 * 1024**2); print('ALLOCATED', len(b))"], cwd=repo,
                         timeout=30)
    assert modest.exit_code == 0 and "ALLOCATED 268435456" in modest.output, modest.output
    bomb = sandbox.run(["python3", "-c", "held = []\nwhile True:\n    held.append(bytearray(64 * 1024**2))\n"],
                       cwd=repo, timeout=30)
    assert bomb.exit_code != 0 and not bomb.timed_out and "MemoryError" in bomb.output


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_the_default_limits_refuse_eight_gigabytes(repo: Path, sandbox_cls: type[Sandbox]) -> None:
    result = sandbox_cls().run(["python3", "-c", "b = bytearray(8 * 1024**3); print('ALLOCATED')"], cwd=repo,
                               timeout=30)
    assert result.exit_code != 0 and "MemoryError" in result.output and "ALLOCATED" not in result.output


def _node_modules_with_vite(repo: Path, package: str = "vite") -> Path:
    modules = repo / "node_modules"
    (modules / package).mkdir(parents=True)
    (modules / package / "package.json").write_text("{}")
    return modules


@needs_bwrap
@pytest.mark.parametrize("package", ["vite", "vitest"])  # pnpm links only Vitest; its Vite is not hoisted
def test_vite_caches_get_a_private_tmpfs_and_the_rest_of_node_modules_stays_read_only(repo: Path,
                                                                                      package: str) -> None:
    modules = _node_modules_with_vite(repo, package)
    result = BwrapSandbox().run(
        "echo bundled > node_modules/.vite-temp/vitest.config.mjs && echo cached > node_modules/.vite/results.json "
        "&& cat node_modules/.vite-temp/vitest.config.mjs node_modules/.vite/results.json; "
        f"echo evil > node_modules/{package}/package.json; echo planted > node_modules/planted.js", cwd=repo,
        timeout=10)
    assert result.output.splitlines()[:2] == ["bundled", "cached"], result.output
    assert list((modules / ".vite-temp").iterdir()) == [] and list((modules / ".vite").iterdir()) == []
    assert (modules / package / "package.json").read_text() == "{}"
    assert not (modules / "planted.js").exists()


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_temporary_files_a_command_leaves_are_gone_for_the_next_command(repo: Path,
                                                                       sandbox_cls: type[Sandbox]) -> None:
    """A probe or a written test that makes a temporary folder and never removes it leaves nothing behind."""
    sandbox = sandbox_cls()
    made = "import tempfile; d = tempfile.mkdtemp(prefix='left-'); open(d + '/x', 'w').write('1'); print(d)"
    first = sandbox.run([sys.executable, "-c", made], cwd=repo, timeout=30)
    assert first.exit_code == 0, first.output
    left = first.output.strip()
    second = sandbox.run([sys.executable, "-c", f"import os; print(os.path.exists({left!r}))"], cwd=repo, timeout=30)
    assert second.output.strip() == "False"
    assert not Path(left).exists()


def test_the_probes_scratch_folder_goes_when_it_ends_even_outside_a_sandbox(tmp_path: Path) -> None:
    """The probe's `assay-discover-*` folder is removed when it ends, and a forked child (a mutant's run) ending
    first leaves it to the parent."""
    script = ("import os; from agent.offline.sandbox import workspace as w; print(w.WORK); "
              "pid = os.fork(); os._exit(0) if pid == 0 else os.waitpid(pid, 0); "
              "open(os.path.join(w.WORK, 'kept'), 'w').write('still here after the child')")
    done = subprocess.run([sys.executable, "-c", script], env={**os.environ, "TMPDIR": str(tmp_path)},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).parent == tmp_path
    assert list(tmp_path.iterdir()) == []


@needs_bwrap
def test_what_a_command_leaves_in_a_tool_cache_is_gone_for_the_next_command(repo: Path) -> None:
    modules = _node_modules_with_vite(repo)
    (modules / ".cache" / "babel").mkdir(parents=True)
    (modules / ".cache" / "babel" / "kept.json").write_text("user's")
    sandbox = BwrapSandbox()
    first = sandbox.run("ls -A node_modules/.cache; echo poisoned > node_modules/.vite/results.json", cwd=repo,
                        timeout=10)
    second = sandbox.run("cat node_modules/.vite/results.json", cwd=repo, timeout=10)
    assert first.exit_code == 0 and first.output == "", "the user's cache is hidden, not shared"
    assert second.exit_code != 0 and "poisoned" not in second.output
    assert (modules / ".cache" / "babel" / "kept.json").read_text() == "user's"


@needs_bwrap
def test_no_mount_point_is_made_where_vite_is_not_installed(repo: Path) -> None:
    (repo / "node_modules" / "express").mkdir(parents=True)
    result = BwrapSandbox().run("mkdir node_modules/.vite", cwd=repo, timeout=10)
    assert result.exit_code != 0
    assert sorted(p.name for p in (repo / "node_modules").iterdir()) == ["express"]


@needs_bwrap
def test_a_symlinked_cache_folder_is_left_alone(repo: Path) -> None:
    (repo / "shared-cache").mkdir()
    (repo / "shared-cache" / "kept.txt").write_text("kept\n")
    modules = _node_modules_with_vite(repo)
    (modules / ".cache").symlink_to("../shared-cache", target_is_directory=True)
    result = BwrapSandbox().run("cat node_modules/.cache/kept.txt; echo x > node_modules/.cache/written", cwd=repo,
                                timeout=10)
    assert result.output == "kept\n"  # the write lands in the command's throw-away copy of the repo
    assert sorted(p.name for p in (repo / "shared-cache").iterdir()) == ["kept.txt"]


@needs_bwrap
def test_a_node_modules_linked_by_an_absolute_symlink_does_not_stop_commands(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    elsewhere = Path(tempfile.mkdtemp(prefix="assay-linked-modules-"))
    try:
        (elsewhere / "vite").mkdir()
        (repo / "node_modules").symlink_to(elsewhere, target_is_directory=True)
        result = BwrapSandbox().run("echo alive", cwd=repo, timeout=10)
        assert result.exit_code == 0 and result.output.strip() == "alive", result.output
    finally:
        shutil.rmtree(elsewhere)


@needs_bwrap
def test_dependencies_linked_from_tmp_stay_readable_and_read_only(tmp_path: Path) -> None:
    """A node_modules linked from a store under /tmp (which the sandbox replaces) is bound at its real path."""
    store = tmp_path / "store" / "node_modules"
    store.mkdir(parents=True)
    (store / "lib.js").write_text("module.exports = 1;\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "node_modules").symlink_to(store, target_is_directory=True)
    result = BwrapSandbox().run("cat node_modules/lib.js && touch node_modules/new.js", cwd=project, timeout=30)
    assert "module.exports = 1;" in result.output
    assert result.exit_code != 0 and not (store / "new.js").exists(), "the linked store stays read-only"
