"""Regression lock: a test that claims to reproduce a bug must fail on the current code for the stated reason
(an assertion, not an import or fixture error) and, given a fixed ref, pass there.

The fixed ref is checked out in a separate git worktree (gitpython, hardened git) in a temporary
folder; the user's working tree is never touched, and the worktree is removed afterwards.
"""

from __future__ import annotations

import ast
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from agent import safefs
from agent.errors import UsageError
from agent.gitops import open_repo
from agent.outcome import CommandRun, RegressionCheck, TestResult
from agent.runners.base import Runner, run_tests
from agent.sandbox import Sandbox

_ASSERTION_PREFIXES = ("AssertionError", "assert ", "Failed: DID NOT RAISE", "Failed: DID NOT WARN")


def is_assertion_failure(test: TestResult) -> bool:
    """True when the test failed by a (pytest) assertion rather than an error in its setup or imports."""
    return test.status == "failed" and (test.message or "").startswith(_ASSERTION_PREFIXES)


def reason_of(test: TestResult) -> str:
    """What the failure says, without the exception name."""
    return (test.message or "").removeprefix("AssertionError:").strip()


@dataclass
class RegressionResult:
    """Per-test verdicts of the lock."""

    tests: list[dict[str, Any]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def reproduced(self) -> set[str]:
        return {t["id"] for t in self.tests if t["reproduces"]}

    def to_check(self, fixed_ref: str | None) -> RegressionCheck:
        count = len(self.reproduced)
        summary = (f"{count} of {len(self.tests)} regression test(s) reproduce the bug on the current code "
                   "(assertion failure with xfail marks ignored)")
        if fixed_ref:
            passing = sum(1 for t in self.tests if t.get("fixed_ref") == "passed")
            summary += f"; {passing} pass on {fixed_ref}"
        return RegressionCheck(summary=summary, tests=self.tests, missing=self.missing, fixed_ref=fixed_ref)


def lock(runner: Runner, sandbox: Sandbox, repo: Path, run: CommandRun, names: set[str], written: Sequence[str],
         timeout: float, fixed_ref: str | None = None) -> RegressionResult:
    """Check each regression test fails here by assertion and, with `fixed_ref`, passes there."""
    result = RegressionResult()
    ids = [t.id for t in run.tests if _short(t.id) in names]
    result.missing = sorted(names - {_short(i) for i in ids})
    if not ids:
        return result
    rerun, _ = run_tests(runner, sandbox, repo, ids, timeout=timeout, extra=["--runxfail"])
    on_fixed = _run_on_ref(runner, sandbox, repo, fixed_ref, ids, written, timeout) if fixed_ref else {}
    for test in rerun.tests:
        reproduces = is_assertion_failure(test)
        reason = reason_of(test) if reproduces else (
            "passes on the current code" if test.status == "passed" else f"{test.status}: {(test.message or '')[:200]}")
        entry: dict[str, Any] = {"id": test.id, "reproduces": reproduces, "reason": reason}
        if fixed_ref:
            entry["fixed_ref"] = on_fixed.get(test.id, "not run")
            entry["reproduces"] = reproduces and entry["fixed_ref"] == "passed"
        result.tests.append(entry)
    return result


def validate_ref(repo: Path, ref: str) -> str:
    """The commit `ref` names, or a one-line `UsageError`."""
    try:
        return str(open_repo(repo).commit(ref).hexsha)
    except (git.BadName, ValueError, git.GitCommandError):
        raise UsageError(f"--fixed-ref {ref!r} is not a commit in {repo}") from None


def _run_on_ref(runner: Runner, sandbox: Sandbox, repo: Path, ref: str, ids: list[str], written: Sequence[str],
                timeout: float) -> dict[str, str]:
    """Statuses of `ids` on `ref`, run in a throw-away worktree with the new test files copied in."""
    handle = open_repo(repo)
    with tempfile.TemporaryDirectory(prefix="assay-fixed-") as tmp:
        worktree = Path(tmp) / "fixed"
        handle.git.worktree("add", "--detach", "-q", str(worktree), ref)
        # The repo may be a folder inside the checkout: the same folder of the worktree is where the tests run.
        folder = worktree / repo.resolve().relative_to(Path(handle.working_dir).resolve())
        try:
            try:  # the ref's own tree may hold symlinks at these paths: never write through them
                for rel in written:
                    safefs.write_in(folder, rel, (repo / rel).read_bytes())
            except OSError:
                return {}
            fixed_run, _ = run_tests(runner, sandbox, folder, ids, timeout=timeout, extra=["--runxfail"])
            return {t.id: t.status for t in fixed_run.tests}
        finally:
            handle.git.worktree("remove", "--force", str(worktree))
            handle.git.worktree("prune")


def mark_xfail(repo: Path, rel: str, reasons: dict[str, str]) -> bool:
    """Add `@pytest.mark.xfail(strict=True, reason=...)` to the named Python tests in `repo/rel` lacking one."""
    text = (repo / rel).read_text(encoding="utf-8")
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    inserts: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in reasons:
            if any("xfail" in ast.unparse(d) for d in node.decorator_list):
                continue
            first = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
            indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
            reason = reasons[node.name].replace("\\", "\\\\").replace('"', '\\"').splitlines()[0][:200]
            inserts.append((first, f'{indent}@pytest.mark.xfail(strict=True, reason="{reason}")\n'))
    if not inserts:
        return False
    for index, line in sorted(inserts, reverse=True):
        lines.insert(index, line)
    if not any(isinstance(n, ast.Import) and any(a.name == "pytest" for a in n.names) for n in tree.body):
        lines.insert(_after_docstring(tree), "import pytest\n")
    safefs.write_in(repo, rel, "".join(lines).encode("utf-8"))
    return True


def _after_docstring(tree: ast.Module) -> int:
    first = tree.body[0] if tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.end_lineno or 0
    return 0


def _short(test_id: str) -> str:
    return test_id.rsplit("::", 1)[-1].split("[", 1)[0]
