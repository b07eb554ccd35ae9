"""The console script as a user runs it: help, exit codes, one-line errors."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import make_repo


def assay(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    return subprocess.run([sys.executable, "-m", "agent.cli", *args], cwd=cwd, env={**base, **(env or {})},
                          capture_output=True, text=True, timeout=120)


def test_help_explains_every_run_option() -> None:
    out = assay("run", "--help")
    assert out.returncode == 0
    for option in ("--repo", "--json", "--model", "--skill", "--max-turns", "--max-output-tokens", "--timeout",
                   "--allow-source-edits", "--require-sandbox", "--flake-reruns", "--fixed-ref", "--mark-xfail"):
        assert option in out.stdout
    top = assay("--help")
    assert top.returncode == 0 and all(cmd in top.stdout for cmd in ("run", "demo", "skill", "eval"))


def test_missing_repo_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = assay("run", "add tests", "--repo", str(tmp_path / "nope"), "--model", "offline")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"assay: repository not found: {tmp_path / 'nope'}"]


def test_non_git_directory_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("x = 1\n")
    out = assay("run", "add tests", "--repo", str(tmp_path), "--model", "offline")
    assert out.returncode == 2 and "not a git repository" in out.stderr
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.py"]


def test_claude_model_without_key_is_a_usage_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"a.py": "x = 1\n"})
    out = assay("run", "add tests", "--repo", str(repo), "--model", "claude-sonnet-5-5")
    assert out.returncode == 2 and "needs ANTHROPIC_API_KEY" in out.stderr


def test_bad_flag_is_a_usage_error() -> None:
    out = assay("run", "x", "--max-turns", "many")
    assert out.returncode == 2 and "invalid int value" in out.stderr


def test_skill_check_passes_on_the_shipped_skill() -> None:
    out = assay("skill", "check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().endswith("ok") or "warning" in out.stdout


def test_skill_check_reports_broken_frontmatter_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "SKILL.md").write_text("---\nname: Bad Name!\ndescription: x\n---\nbody\n")
    out = assay("skill", "check", str(tmp_path))
    assert out.returncode == 2
    assert f"{tmp_path / 'SKILL.md'}:" in out.stdout
    assert "error" in out.stdout


@pytest.mark.parametrize("command", ["eval", "github", "serve"])
def test_forwarded_commands_answer_help(command: str) -> None:
    out = assay(command, "--help")
    assert out.returncode in (0, 2)
    assert "Traceback" not in out.stderr


def test_json_flag_prints_only_the_outcome(py_repo: Path, tmp_path: Path) -> None:
    """A full CLI run through the real console entry, with a scripted model served by a fake API."""
    from agent.testing import FakeAnthropic, tool_use

    from scripts import GOOD_TEST, good_submission

    # Without a quantity-1 case the `0 -> 1` boundary mutant survives; the second submit answers the one
    # round of surviving mutants the CLI hands back by default.
    weaker = GOOD_TEST.replace("line_total(1, 2.505) == 2.5", "line_total(3, 2.5) == 7.5")
    script = [tool_use("write_file", {"path": "tests/test_pricing.py", "content": weaker}),
              tool_use("submit_outcome", good_submission()), tool_use("submit_outcome", good_submission())]
    with FakeAnthropic(script) as server:
        out = assay("run", "add tests for line_total", "--repo", str(py_repo), "--json", "--model",
                    "claude-sonnet-5-5", env={"ANTHROPIC_API_KEY": "sk-ant-test", "ANTHROPIC_BASE_URL": server.url})
    assert out.returncode == 0, out.stderr
    outcome = json.loads(out.stdout)
    assert list(outcome) == ["test_surface", "plan", "implementation", "run", "gaps"]
    assert outcome["run"]["verified"] is True
    assert outcome["run"]["checks"]["mutation"]["survived"]
    assert any(g["item"].startswith("surviving mutant: shop/pricing.py:") for g in outcome["gaps"])


def test_invalid_api_key_is_one_line_and_exit_3(py_repo: Path) -> None:
    from agent.testing import Failure, FakeAnthropic

    with FakeAnthropic([Failure(401, "authentication_error", "invalid x-api-key")]) as server:
        out = assay("run", "add tests", "--repo", str(py_repo), "--model", "claude-sonnet-5-5",
                    env={"ANTHROPIC_API_KEY": "sk-ant-wrong", "ANTHROPIC_BASE_URL": server.url})
    assert out.returncode == 3
    last = out.stderr.strip().splitlines()[-1]
    assert last == "assay: model API error 401: authentication_error: invalid x-api-key"
    assert "Traceback" not in out.stderr and "sk-ant-wrong" not in out.stderr
    runs = list((py_repo / ".assay" / "runs").iterdir())
    transcript = (runs[0] / "transcript.jsonl").read_text()
    assert '"event": "aborted"' in transcript
    assert not (py_repo / "tests").exists()


def test_malformed_skill_folder_is_a_usage_error_before_anything_runs(py_repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "skill"
    broken.mkdir()
    (broken / "SKILL.md").write_text("---\nname: ok\ndescription: [\n---\n")
    out = assay("run", "add tests", "--repo", str(py_repo), "--model", "offline", "--skill", str(broken))
    assert out.returncode == 2
    assert out.stderr.strip().splitlines()[-1].startswith(f"assay: invalid skill: {broken / 'SKILL.md'}:")
    assert not (py_repo / ".assay").exists() and not (py_repo / "tests").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tiny tmpfs needs root")
def test_a_full_disk_is_one_clear_line_and_the_repo_is_intact(tmp_path: Path) -> None:
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        repo = make_repo(mount_point / "repo", {"shop/__init__.py": "", "shop/pricing.py": "def f(x: int) -> int:\n"
                                                "    return x\n"})
        fd = os.open(mount_point / "filler", os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.close(fd)
        out = assay("run", "add tests", "--repo", str(repo), "--model", "offline")
        assert out.returncode == 2, out.stderr
        assert out.stderr.strip().splitlines()[-1].startswith("assay: No space left on device")
        assert "Traceback" not in out.stderr
        assert (repo / "shop/pricing.py").read_text() == "def f(x: int) -> int:\n    return x\n"
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_ctrl_c_leaves_a_complete_transcript_and_exit_130(py_repo: Path) -> None:
    import signal
    import time as _time

    from agent.testing import FakeAnthropic, Turn, tool_use

    answered: list[int] = []

    def slow_after_first(body: dict) -> Turn:
        answered.append(1)
        if len(answered) == 1:
            return tool_use("list_files", {})
        _time.sleep(30)  # the user presses Ctrl-C while the model "thinks"
        return tool_use("list_files", {})

    base = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    with FakeAnthropic(slow_after_first) as server:
        proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "run", "add tests", "--repo", str(py_repo),
                                 "--model", "claude-sonnet-5-5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env={**base, "ANTHROPIC_API_KEY": "sk-ant-test",
                                                "ANTHROPIC_BASE_URL": server.url})
        deadline = _time.monotonic() + 120  # generous: a loaded CI machine starts the CLI slowly
        while len(answered) < 2 and _time.monotonic() < deadline:
            _time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "interrupted" in err and "Traceback" not in err
    [run_dir] = list((py_repo / ".assay" / "runs").iterdir())
    events = [json.loads(line)["event"] for line in (run_dir / "transcript.jsonl").read_text().splitlines()]
    assert events == ["sandbox", "request", "response", "tool", "aborted"]
