"""The explicit install step: the right command, no secrets, logged; off unless asked for."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from agent.deps import install_command
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from conftest import make_repo
from scripts import GOOD_TEST, good_submission


def test_install_command_follows_the_manifests(tmp_path: Path) -> None:
    assert install_command(make_repo(tmp_path / "a", {"package-lock.json": "{}", "package.json": "{}"}))[:2] == [
        "npm", "ci"]
    assert install_command(make_repo(tmp_path / "b", {"package.json": "{}"}))[:2] == ["npm", "install"]
    python = install_command(make_repo(tmp_path / "c", {"requirements.txt": "", "requirements-dev.txt": ""}))
    assert python is not None and python[-4:] == ["-r", "requirements-dev.txt", "-r", "requirements.txt"]
    assert install_command(make_repo(tmp_path / "d", {"README.md": ""})) is None


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_install_runs_before_the_loop_without_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPM_TOKEN", "npm-secret-token-value")
    package = {"name": "svc", "version": "1.0.0", "scripts": {"preinstall": "env > install-env.txt"}}
    repo = make_repo(tmp_path / "svc", {"package.json": json.dumps(package), "tests/test_x.py": ""})
    model = ScriptedModel([tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                           tool_use("submit_outcome", good_submission())])
    result = run_session(RunConfig(repo=repo, request="add tests", install_deps=True), model=model,
                         sandbox=ProcessSandbox(), progress=lambda _: None)
    seen = (repo / "install-env.txt").read_text()
    assert "npm-secret-token-value" not in seen and "NPM_TOKEN" not in seen
    events = [json.loads(line) for line in (result.run_dir / "transcript.jsonl").read_text().splitlines()]
    install = next(e for e in events if e["event"] == "install")
    assert install["command"].startswith("npm install") and install["exit_code"] == 0


def test_without_the_flag_nothing_is_installed(tmp_path: Path) -> None:
    package = {"name": "svc", "version": "1.0.0", "scripts": {"preinstall": "touch installed.txt"}}
    repo = make_repo(tmp_path / "svc", {"package.json": json.dumps(package)})
    model = ScriptedModel([tool_use("submit_outcome", {**good_submission(), "implementation": {"files": []}})])
    run_session(RunConfig(repo=repo, request="add tests"), model=model, sandbox=ProcessSandbox(),
                progress=lambda _: None)
    assert not (repo / "installed.txt").exists()
