"""Shared fixtures: small real git repos in tmp_path; the network stays off."""

from __future__ import annotations

from pathlib import Path

import pytest

from fake_github import git, make_repo  # one helper for every test; re-exported to the test modules

__all__ = ["PRICING", "git", "make_repo"]

PRICING = '''\
def line_total(quantity: int, unit_price: float) -> float:
    """Price of one order line; quantities must be positive."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    return round(quantity * unit_price, 2)
'''


@pytest.fixture
def py_repo(tmp_path: Path) -> Path:
    """A tiny Python library with one function and no tests."""
    return make_repo(tmp_path / "shop", {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "",
        "shop/pricing.py": PRICING,
    })
