"""The shipped cases are well formed: they validate, their repos' own tests pass, and every bug patch applies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from agent.evals.cases import load_cases
from agent.runners.gotest import go_available

CASES = load_cases()
GO_CASES = [c for c in CASES if (c.repo / "go.mod").exists()]


def test_enough_cases_across_both_splits_and_all_kinds():
    assert len(CASES) >= 20
    assert sum(c.split == "holdout" for c in CASES) >= 8  # the gate needs 6 paired holdout cases to say anything
    assert {c.split for c in CASES} == {"dev", "holdout"}
    assert {c.kind for c in CASES} == {"files", "advice", "diagnosis"}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_case_has_equivalent_patches_and_every_bug_is_tagged_with_a_scenario(case):
    assert len(case.equivalents) >= 2, f"{case.name}: add behaviour-preserving refactors under equivalent/"
    assert set(case.bug_scenarios) == {bug.stem for bug in case.bugs}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bug_and_equivalent_patches_apply_to_the_fixture_repo(case, tmp_path):
    assert case.bugs or case.kind == "advice", f"{case.name} has no bug variants"
    shutil.copytree(case.repo, tmp_path / "repo", ignore=shutil.ignore_patterns("node_modules"))
    fix = [case.folder / case.hidden.regression_fix] if case.hidden.regression_fix else []
    for patch in case.bugs + case.equivalents + fix:
        done = subprocess.run(["git", "apply", "--check", str(patch)], cwd=tmp_path / "repo", capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, f"{patch.name}: {done.stderr}"


@pytest.mark.parametrize("case", [c for c in CASES if not c.install and c.kind == "files" and c not in GO_CASES],
                         ids=lambda c: c.name)
def test_python_fixture_repos_pass_their_own_tests(case, tmp_path):
    shutil.copytree(case.repo, tmp_path / "repo")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tmp_path / "repo",
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-500:]


@pytest.mark.skipif(go_available() is not None, reason=go_available() or "")
@pytest.mark.parametrize("case", GO_CASES, ids=lambda c: c.name)
def test_go_fixture_repos_pass_their_own_tests_with_downloads_off(case, tmp_path):
    assert "GOPROXY=off" in case.test_command  # standard library only: a download would be an error
    shutil.copytree(case.repo, tmp_path / "repo")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home")}
    done = subprocess.run(case.test_command.format(python=sys.executable, files=""), shell=True,
                          cwd=tmp_path / "repo", env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-500:] + done.stderr[-500:]
    assert "ok" in done.stdout


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "diagnosis"], ids=lambda c: c.name)
def test_the_flaky_cases_really_fail_together_and_pass_alone(case, tmp_path):
    shutil.copytree(case.repo, tmp_path / "repo")

    def pytest_run(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                              cwd=tmp_path / "repo", capture_output=True, check=False).returncode

    assert pytest_run("tests") != 0
    assert all(pytest_run(str(f.relative_to(case.repo))) == 0 for f in sorted((case.repo / "tests").glob("test_*.py")))
