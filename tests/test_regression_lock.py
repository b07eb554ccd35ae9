"""Regression lock: fail here by assertion, pass on the fixed ref; the user's tree is never touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from agent.errors import UsageError
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import ScriptedModel, tool_use

from conftest import PRICING, git, make_repo
from scripts import good_submission

BUGGY = PRICING.replace("    if quantity <= 0:\n        raise ValueError(\"quantity must be positive\")\n", "")

LOCK = '''\
import pytest

from shop.pricing import line_total


def test_zero_quantity_is_refused():
    with pytest.raises(ValueError):
        line_total(0, 2.5)
'''

BROKEN_LOCK = LOCK.replace("from shop.pricing import line_total", "from shop.nowhere import line_total")


@pytest.fixture
def buggy_repo(tmp_path: Path) -> tuple[Path, str]:
    """Commit 1 has the check (the fix, as if already written elsewhere); HEAD has lost it (the bug)."""
    repo = make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n',
        "shop/__init__.py": "", "shop/pricing.py": PRICING,
    })
    fixed = git(repo, "rev-parse", "HEAD").strip()
    (repo / "shop/pricing.py").write_text(BUGGY)
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qam", "refactor (drops the check)")
    return repo, fixed


def tree_digest(repo: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts and ".assay" not in p.parts):
        digest.update(str(path.relative_to(repo)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def submit_lock(content: str) -> list:
    submission = good_submission()
    submission["implementation"]["files"][0].update(tests=["test_zero_quantity_is_refused"],
                                                    regression=["test_zero_quantity_is_refused"])
    return [tool_use("write_file", {"path": "tests/test_pricing.py", "content": content}),
            tool_use("submit_outcome", submission)]


def run(repo: Path, turns: list, **options: object):
    return run_session(RunConfig(repo=repo, request="quantity 0 is accepted; lock it",
                                 verify_options={"flake_reruns": 1, **options}),
                       model=ScriptedModel(turns), sandbox=ProcessSandbox(), progress=lambda _: None)


def test_fails_on_the_buggy_code_and_passes_on_the_fixed_ref(buggy_repo: tuple[Path, str]) -> None:
    repo, fixed = buggy_repo
    head = git(repo, "rev-parse", "HEAD").strip()
    result = run(repo, submit_lock(LOCK), fixed_ref=fixed)
    check = result.outcome.run.checks.regression
    [entry] = check.tests
    assert entry["reproduces"] is True and entry["fixed_ref"] == "passed"
    assert "DID NOT RAISE" in entry["reason"]
    assert result.outcome.run.findings == [entry["reason"]]
    assert result.exit_code == 0
    # The user's checkout is exactly as the run left it: HEAD, branch, and no leftover worktree.
    assert git(repo, "rev-parse", "HEAD").strip() == head
    assert git(repo, "worktree", "list").count("\n") == 1
    assert (repo / "shop/pricing.py").read_text() == BUGGY


def test_the_users_tree_is_byte_identical_apart_from_the_test(buggy_repo: tuple[Path, str]) -> None:
    repo, fixed = buggy_repo
    before = tree_digest(repo)
    run(repo, submit_lock(LOCK), fixed_ref=fixed)
    (repo / "tests/test_pricing.py").unlink()
    (repo / "tests").rmdir()
    assert tree_digest(repo) == before


def test_a_test_that_errors_does_not_count_as_reproducing(buggy_repo: tuple[Path, str]) -> None:
    repo, _ = buggy_repo
    result = run(repo, submit_lock(BROKEN_LOCK))
    check = result.outcome.run.checks.regression
    assert check.tests == [] and check.missing == ["test_zero_quantity_is_refused"]
    assert any("were not run: test_zero_quantity_is_refused" in d for d in result.outcome.run.discrepancies)
    assert result.outcome.run.commands[0].errors == 1
    assert result.outcome.run.findings == []
    assert result.exit_code == 1


def test_mark_xfail_lands_the_lock_as_a_strict_expected_failure(buggy_repo: tuple[Path, str]) -> None:
    repo, _ = buggy_repo
    result = run(repo, submit_lock(LOCK), mark_xfail=True)
    text = (repo / "tests/test_pricing.py").read_text()
    assert '@pytest.mark.xfail(strict=True, reason="Failed: DID NOT RAISE' in text
    final = result.outcome.run.commands[-1]
    assert final.xfailed == 1 and final.failed == 0
    assert result.exit_code == 0


def test_a_bad_fixed_ref_is_a_usage_error(buggy_repo: tuple[Path, str]) -> None:
    repo, _ = buggy_repo
    with pytest.raises(UsageError, match="--fixed-ref 'nope' is not a commit"):
        run(repo, submit_lock(LOCK), fixed_ref="nope")
