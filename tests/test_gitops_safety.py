"""The repo's own git config and hooks never run code when the runtime calls git."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from agent.gitops import open_repo, run_git
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use
from agent.triage import list_repo_files

from conftest import make_repo
from scripts import GOOD_TEST, good_submission


def plant_traps(repo: Path, marker: Path) -> None:
    """A hook, an fsmonitor command and a filter driver that each leave a marker file if they ever run."""
    script = repo.parent / "trap.sh"
    script.write_text(f"#!/bin/sh\necho ran \"$0 $*\" >> {marker}\ncat\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    hooks = repo / ".git" / "hooks"
    for hook in ("pre-commit", "post-checkout", "post-commit", "pre-push", "post-index-change"):
        (hooks / hook).write_text(f"#!/bin/sh\necho hook {hook} >> {marker}\n")
        (hooks / hook).chmod(0o755)
    with (repo / ".git" / "config").open("a") as fh:
        fh.write(f'[core]\n\tfsmonitor = {script}\n[filter "trap"]\n\tclean = {script}\n\tsmudge = {script}\n'
                 f'[diff]\n\texternal = {script}\n')
    (repo / ".gitattributes").write_text("*.py filter=trap\n")


def test_runtime_git_calls_run_no_repo_code(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "r", {"app.py": "x = 1\n"})
    marker = tmp_path / "marker.txt"
    plant_traps(repo, marker)
    (repo / "app.py").write_text("x = 2\n")
    list_repo_files(repo)
    run_git(repo, ["status", "--porcelain"])
    run_git(repo, ["diff"])
    run_git(repo, ["add", "-A"])
    run_git(repo, ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "change"])
    run_git(repo, ["worktree", "add", "-q", str(tmp_path / "wt"), "HEAD"])
    repo_obj = open_repo(repo)
    repo_obj.git.status()
    repo_obj.index.diff(None)
    repo_obj.git.checkout("-q", "-b", "other")
    assert not marker.exists(), marker.read_text()


def test_a_whole_run_in_a_trapped_repo_runs_no_repo_code(py_repo: Path, tmp_path: Path) -> None:
    marker = tmp_path / "marker.txt"
    plant_traps(py_repo, marker)
    model = ScriptedModel([tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                           tool_use("list_files", {}), tool_use("submit_outcome", good_submission())])
    result = run_session(RunConfig(repo=py_repo, request="add tests"), model=model, sandbox=ProcessSandbox(),
                         progress=lambda _: None)
    assert result.exit_code == 0
    assert not marker.exists(), marker.read_text()
    assert os.environ.get("GIT_CONFIG_COUNT") is None, "the hardening never leaks into assay's own environment"
