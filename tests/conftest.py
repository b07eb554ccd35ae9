"""Shared fixtures: small real git repos in tmp_path; the network stays off."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

PRICING = '''\
def line_total(quantity: int, unit_price: float) -> float:
    """Price of one order line; quantities must be positive."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return round(quantity * unit_price, 2)
'''


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with hooks off; return stdout."""
    cmd = ["git", "-c", "core.hooksPath=/dev/null", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args]
    return subprocess.run(cmd, cwd=repo, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path, files: dict[str, str]) -> Path:
    """A git repo at `root` with `files` committed."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def py_repo(tmp_path: Path) -> Path:
    """A tiny Python library with one function and no tests."""
    return make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "",
        "shop/pricing.py": PRICING,
    })
