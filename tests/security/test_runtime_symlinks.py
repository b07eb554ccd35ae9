"""The runtime itself must not be the way out: symlinks that repo content or sandboxed code planted are never
followed by the runtime's own writes, chowns or binds (issue 11, items 1-3)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.errors import ToolError, UsageError
from agent.proof.regression import _run_on_ref
from agent.runners.base import run_tests
from agent.runners.pytest import PytestRunner
from agent.sandbox import BwrapSandbox, ProcessSandbox, bwrap_works
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use
from agent.workspace import Workspace

from conftest import make_repo
from scripts import GOOD_TEST, good_submission

needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="the ownership trap needs assay to run as root")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A root-owned folder outside the repo, with a file the runtime must never touch."""
    folder = tmp_path / "victim"
    folder.mkdir(mode=0o755)
    (folder / "precious.txt").write_text("original\n")
    return folder


@pytest.fixture
def home_secret() -> Iterator[Path]:
    """A folder with a credential under the user's home (masked in the sandbox)."""
    folder = Path(tempfile.mkdtemp(prefix=".assay-secret-", dir=os.path.expanduser("~")))
    folder.chmod(0o755)  # readable by anyone, as `~/.aws` often is: only the mask keeps it out
    (folder / "credentials").write_text("aws_secret_access_key = PLANTED-SECRET\n")
    (folder / "credentials").chmod(0o644)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _py_repo(root: Path) -> Path:
    return make_repo(root, {"shop/__init__.py": "", "shop/pricing.py": "def total(a, b):\n    return a + b\n"})


@needs_bwrap
@as_root
def test_a_committed_assay_tmp_link_is_never_chowned_or_bound(tmp_path: Path, victim: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    (repo / ".assay").mkdir()
    os.symlink(os.path.relpath(victim, repo / ".assay"), repo / ".assay" / "tmp")
    before = os.stat(victim)
    result = BwrapSandbox().run("echo pwned > .assay/tmp/precious.txt; touch .assay/tmp/new", cwd=repo, timeout=20)
    after = os.stat(victim)
    assert (after.st_uid, after.st_mode) == (before.st_uid, before.st_mode)
    assert (victim / "precious.txt").read_text() == "original\n", result.output
    assert not (victim / "new").exists()


def test_a_repo_whose_assay_folder_is_a_link_is_refused(tmp_path: Path, victim: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    os.symlink(victim, repo / ".assay")
    with pytest.raises(UsageError, match="symlink"):
        run_session(RunConfig(repo=repo, request="add tests"), model=ScriptedModel([]), sandbox=ProcessSandbox(),
                    progress=lambda _: None)
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]


def test_write_file_never_writes_through_a_planted_temp_name_or_folder_link(tmp_path: Path, victim: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    (repo / "tests").mkdir()
    os.symlink(victim / "precious.txt", repo / "tests" / ".test_evil.py.assay-tmp")  # the old predictable temp name
    os.symlink(victim, repo / "tests" / "linked")
    workspace = Workspace(repo)
    workspace.write("tests/test_evil.py", "def test_x():\n    assert True\n")
    assert (victim / "precious.txt").read_text() == "original\n"
    assert (repo / "tests" / "test_evil.py").read_text().startswith("def test_x")
    with pytest.raises(ToolError, match=r"outside|symlink"):
        workspace.write("tests/linked/test_y.py", "x = 1\n")
    assert sorted(p.name for p in victim.iterdir()) == ["precious.txt"]


@pytest.mark.parametrize("sandbox_cls", [pytest.param(BwrapSandbox, marks=needs_bwrap, id="bwrap"),
                                         pytest.param(ProcessSandbox, id="fallback")])
def test_a_report_replaced_by_a_link_is_not_read(tmp_path: Path, sandbox_cls: type[ProcessSandbox]) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text('<testsuites><testsuite><testcase classname="x" name="SECRET-LEAK"/></testsuite></testsuites>')
    repo = _py_repo(tmp_path / "repo")
    (repo / "tests").mkdir()
    (repo / "tests" / "conftest.py").write_text(
        "import os, sys\n"
        "def pytest_unconfigure(config):\n"
        "    path = config.option.xmlpath\n"
        "    if path:\n"
        "        os.replace(path, path + '.real') if os.path.exists(path) else None\n"
        f"        os.symlink({str(secret)!r}, path)\n")
    (repo / "tests" / "test_a.py").write_text("def test_a():\n    assert True\n")
    run, _ = run_tests(PytestRunner(), sandbox_cls(), repo, ["tests/test_a.py"], timeout=120)
    assert all("SECRET-LEAK" not in t.id for t in run.tests)


def test_tests_copied_into_the_fixed_ref_never_follow_its_links(tmp_path: Path, victim: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    (repo / "tests").mkdir()
    os.symlink(victim / "precious.txt", repo / "tests" / "test_fix.py")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", "a ref with a link where the new test goes"], cwd=repo, check=True)
    fixed = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    (repo / "tests" / "test_fix.py").unlink()
    (repo / "tests" / "test_fix.py").write_text("def test_fix():\n    assert 1 == 1\n")
    _run_on_ref(PytestRunner(), ProcessSandbox(), repo, fixed, ["tests/test_fix.py::test_fix"], ["tests/test_fix.py"],
                60)
    assert (victim / "precious.txt").read_text() == "original\n"


@needs_bwrap
def test_a_venv_linked_into_a_masked_folder_shows_nothing(tmp_path: Path, home_secret: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    os.symlink(home_secret, repo / ".venv")
    result = BwrapSandbox().run(f"cat .venv/credentials {home_secret}/credentials", cwd=repo, timeout=20)
    assert "PLANTED-SECRET" not in result.output


@needs_bwrap
def test_a_planted_interpreter_link_does_not_expose_its_grandparent(tmp_path: Path, home_secret: Path) -> None:
    (home_secret / "bin").mkdir()
    (home_secret / "bin" / "python").write_text("#!/bin/sh\n")
    repo = _py_repo(tmp_path / "repo")
    (repo / ".venv" / "bin").mkdir(parents=True)
    os.symlink(home_secret / "bin" / "python", repo / ".venv" / "bin" / "python")
    result = BwrapSandbox().run(f"cat {home_secret}/credentials", cwd=repo, timeout=20,
                                env={"PATH": f"{repo}/.venv/bin:/usr/bin:/bin"})
    assert "PLANTED-SECRET" not in result.output


@needs_bwrap
def test_sandboxed_code_cannot_plant_links_in_the_runtimes_input_folder(tmp_path: Path, victim: Path) -> None:
    repo = _py_repo(tmp_path / "repo")
    sandbox = BwrapSandbox()
    inputs = sandbox.scratch.inputs
    result = sandbox.run(f"ln -s {victim}/precious.txt {inputs}/proof.go.json; echo $?", cwd=repo, timeout=20)
    assert not (inputs / "proof.go.json").exists() and not (inputs / "proof.go.json").is_symlink(), result.output
    sandbox.scratch.write_input("proof.go.json", "{}")
    assert (victim / "precious.txt").read_text() == "original\n"


@needs_bwrap
@as_root
def test_a_full_run_leaves_no_link_followed_and_its_scratch_removed(py_repo: Path, victim: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    private_tmp = tmp_path / "tmp"  # this run's scratch alone, whatever other runs do in /tmp meanwhile
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    repo = py_repo
    # Every folder a sandboxed command might reach where the runtime writes: links at every name it uses.
    planter = ("import os, glob\n"
               f"for d in glob.glob('{private_tmp}/assay-run-*/*') + glob.glob('{private_tmp}/assay-run-*/out/*') + "
               "glob.glob('.assay/tmp/*'):\n"
               "    for name in ('result.json', 'go.json', 'go.json.part', 'spec.json', 'driver.py'):\n"
               f"        try: os.symlink({str(victim / 'precious.txt')!r}, os.path.join(d, name))\n"
               "        except OSError: pass\n")
    model = ScriptedModel([
        tool_use("write_file", {"path": "tests/conftest.py", "content": planter}),
        tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
        tool_use("submit_outcome", good_submission()),
    ])
    result = run_session(RunConfig(repo=repo, request="add tests for shop/pricing.py"), model=model,
                         progress=lambda _: None)
    assert (victim / "precious.txt").read_text() == "original\n"
    assert os.stat(victim).st_uid == 0
    assert result.outcome.run.verified
    assert list(private_tmp.glob("assay-run-*")) == []
