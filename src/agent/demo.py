"""`assay demo`: the bundled example service in a fresh git repo, ready for the offline engine."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from agent.errors import UsageError
from agent.gitops import run_git

DEMO_REQUEST = "add tests for the order endpoint; it sometimes accepts negative quantities"
EXAMPLE = "orders-service"
DEMO_MUTANTS = 16
"""Mutants the demo samples (a normal run samples up to 30)."""


def examples_dir() -> Path:
    """`examples/` of a source checkout, else the copy bundled in the installed package."""
    here = Path(__file__).resolve()
    for candidate in (here.parents[2] / "examples", here.parent / "_bundled" / "examples"):
        if (candidate / EXAMPLE).is_dir():
            return candidate
    raise UsageError("the bundled example service is missing from this installation")


def prepare_demo_repo(dest: Path | None = None) -> Path:
    """Copy the example service into `dest` (default: a new temp dir) as a git repo with one commit."""
    source = examples_dir() / EXAMPLE
    root = Path(tempfile.mkdtemp(prefix="assay-demo-")) if dest is None else dest
    repo = root / EXAMPLE
    if repo.exists():
        raise UsageError(f"{repo} already exists; pass another --dest")
    shutil.copytree(source, repo, ignore=shutil.ignore_patterns("__pycache__", "*.db", ".pytest_cache"))
    identity = ["-c", "user.name=assay demo", "-c", "user.email=demo@assay.invalid"]
    commit = [*identity, "commit", "-q", "-m", "orders-service: initial"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], commit):
        run_git(repo, args)
    return repo
