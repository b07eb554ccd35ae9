"""Commands see the repo the invoking user can read, whatever its modes, write only a throw-away copy of it,
and a full run in a private (0700) checkout verifies under bubblewrap (issue 11, items 6 and 7)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.models.anthropic import DEFAULT_MODEL, AnthropicModel, RetryPolicy
from agent.sandbox import BwrapSandbox, bwrap_works
from agent.session import RunConfig, run_session
from agent.testing import FakeAnthropic, tool_use

from conftest import PRICING, make_repo
from scripts import GOOD_TEST, good_submission

pytestmark = [
    pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}"),
    pytest.mark.skipif(os.geteuid() != 0, reason="the private-checkout trap exists when assay runs as root"),
]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "orders-service"


@pytest.fixture
def private_dir() -> Iterator[Path]:
    """A 0700 folder outside /tmp (where the sandbox's own tmpfs would hide the modes), as `mktemp -d` makes."""
    folder = Path(tempfile.mkdtemp(prefix="assay-private-", dir="/var/lib"))
    assert folder.stat().st_mode & 0o777 == 0o700
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _private_repo(folder: Path, files: dict[str, str]) -> Path:
    repo = make_repo(folder / "repo", files)
    repo.chmod(0o700)
    for path in repo.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            path.chmod(0o600)
    return repo


def test_commands_read_a_private_repo_and_only_change_a_throw_away_copy(private_dir: Path) -> None:
    repo = _private_repo(private_dir, {"app.py": "x = 1\n"})
    result = BwrapSandbox().run("cat app.py; echo changed > app.py; mkdir instance && echo db > instance/app.sqlite "
                                "&& echo wrote; rm -rf .git 2>&1 | head -1; id -u", cwd=repo, timeout=20)
    assert "x = 1" in result.output and "wrote" in result.output, result.output
    assert (repo / "app.py").read_text() == "x = 1\n"
    assert not (repo / "instance").exists() and (repo / ".git").is_dir()
    assert (repo / "app.py").stat().st_uid == 0 and (repo / "app.py").stat().st_mode & 0o777 == 0o600


def test_an_app_that_writes_beside_its_code_at_import_time_is_tested(private_dir: Path) -> None:
    app = ("import os, sqlite3\n"
           "HERE = os.path.dirname(os.path.abspath(__file__))\n"
           "os.makedirs(os.path.join(HERE, 'instance'), exist_ok=True)\n"
           "DB = sqlite3.connect(os.path.join(HERE, 'instance', 'app.db'))\n"
           "DB.execute('create table if not exists t (x)')\n\n"
           "def count():\n    return DB.execute('select count(*) from t').fetchone()[0]\n")
    repo = _private_repo(private_dir, {"shop/__init__.py": "", "shop/store.py": app,
                                       "tests/test_store.py": "from shop.store import count\n\n\n"
                                                              "def test_count():\n    assert count() == 0\n",
                                       "pyproject.toml": '[tool.pytest.ini_options]\npythonpath = ["."]\n'})
    result = BwrapSandbox().run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"], cwd=repo,
                                timeout=120)
    assert result.exit_code == 0 and "1 passed" in result.output, result.output
    assert not (repo / "shop" / "instance").exists()


def test_assay_run_offline_verifies_in_a_private_checkout(private_dir: Path) -> None:
    repo = private_dir / "orders-service"
    shutil.copytree(EXAMPLE, repo, ignore=shutil.ignore_patterns("__pycache__", "*.db"))
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.email=t@t", "-c", "user.name=t",
                                                                  "commit", "-qm", "initial"]):
        subprocess.run(["git", *command], cwd=repo, check=True)
    repo.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    out = subprocess.run([sys.executable, "-m", "agent.cli", "run", "add tests for the order endpoint", "--repo",
                          str(repo), "--model", "offline", "--require-sandbox", "--json"], env=env,
                         capture_output=True, text=True, timeout=600)
    assert "sandbox bwrap" in out.stderr, out.stderr[-2000:]
    assert out.returncode == 0, out.stderr[-2000:]
    assert '"verified": true' in out.stdout and '"sandbox": "bwrap"' in out.stdout
    transcript = next((repo / ".assay" / "runs").glob("*/transcript.jsonl")).read_text()
    assert '"event": "sandbox", "name": "bwrap"' in transcript


def test_a_claude_run_through_the_sdk_verifies_in_a_private_checkout(private_dir: Path) -> None:
    repo = _private_repo(private_dir, {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING})
    script = [tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
              tool_use("run_command", {"command": "python -m pytest -q"}),
              tool_use("submit_outcome", good_submission())]
    with FakeAnthropic(script) as server:
        model = AnthropicModel(DEFAULT_MODEL, api_key="sk-ant-test", base_url=server.url,
                               retry=RetryPolicy(max_attempts=2, initial_wait_s=0.05, max_wait_s=1, max_total_s=10))
        try:
            result = run_session(RunConfig(repo=repo, request="add tests for line_total"), model=model,
                                 sandbox=BwrapSandbox(), progress=lambda _: None)
        finally:
            model.close()
    assert result.outcome.run.verified and result.exit_code == 0
    assert result.outcome.run.commands[0].passed == 2
