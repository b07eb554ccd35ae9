"""A tiny eval case built in tmp_path: a pricing function, one seeded bug, one equivalent refactor, a golden and a
lazy suite."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from agent.errors import UsageError
from agent.evals.cases import load_cases
from agent.evals.harness import install_cache

from conftest import PRICING, git

GOLDEN = '''\
import pytest

from shop.pricing import line_total


def test_line_total_multiplies_quantity_by_price_success():
    assert line_total(3, 2.5) == 7.5


def test_line_total_rejects_zero_quantity_invalid_input():
    with pytest.raises(ValueError, match="positive"):
        line_total(0, 2.5)
'''

LAZY = '''\
from shop.pricing import line_total


def test_line_total():
    assert line_total(1, 1.0) > 0
'''

CASE_YAML = '''\
name: tiny-pricing
version: 1
split: dev
kind: files
request: Add unit tests for shop/pricing.py line_total, including bad quantities.
targets: [shop/pricing.py]
scenarios: [success, invalid_input]
bug_scenarios:
  zero-allowed: invalid_input
test_command: "{python} -m pytest -q -p no:cacheprovider {files}"
'''


def make_case(root: Path, name: str = "tiny-pricing") -> Path:
    """A valid case folder at root/name; its bug patch is a real `git diff`."""
    folder = root / name
    repo = folder / "repo"
    files = {
        "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
        "shop/__init__.py": "",
        "shop/pricing.py": PRICING,
    }
    for rel, content in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(content)
    (folder / "case.yaml").write_text(CASE_YAML.replace("tiny-pricing", name))
    for kind, content in (("golden", GOLDEN), ("lazy", LAZY)):
        (folder / kind / "tests").mkdir(parents=True)
        (folder / kind / "tests" / "test_pricing.py").write_text(content)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "i")
    (repo / "shop/pricing.py").write_text(PRICING.replace("quantity <= 0", "quantity < 0"))
    (folder / "bugs").mkdir()
    (folder / "bugs" / "zero-allowed.patch").write_text(git(repo, "diff"))
    renamed = "    total = quantity * unit_price\n    return round(total, 2)"
    (repo / "shop/pricing.py").write_text(PRICING.replace("    return round(quantity * unit_price, 2)", renamed))
    (folder / "equivalent").mkdir()
    (folder / "equivalent" / "named-total.patch").write_text(git(repo, "diff"))
    subprocess.run(["rm", "-rf", str(repo / ".git")], check=True)
    (repo / "shop/pricing.py").write_text(PRICING)
    return folder


def eval_case_installs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Node eval cases' own install (`npm ci`), run once per case version and kept in pytest's cache across
    sessions; a file lock keeps xdist workers (and the test modules sharing it) from installing at the same time.
    Returns the install root (`install_cache`'s layout: `<case>-<digest>/node_modules`)."""
    cache = getattr(request.config, "cache", None)
    root = Path(cache.mkdir("assay-eval-installs")) if cache is not None else tmp_path_factory.mktemp("installs")
    with (root / ".lock").open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            for case in load_cases():
                install_cache(case, root, threading.Lock())
        except UsageError as exc:
            pytest.skip(f"npm ci failed (offline?): {exc}")
    return root


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another filesystem
        shutil.copy2(src, dst)


def link_installs(installs: Path, out: Path) -> None:
    """Put the installed `node_modules` into an eval's own install cache (`out/cache`), so its run links them in
    instead of running `npm ci` again."""
    for folder in installs.iterdir():
        if (folder / "node_modules").is_dir():
            shutil.copytree(folder, out / "cache" / folder.name, symlinks=True, copy_function=_link_or_copy)
