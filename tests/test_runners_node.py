"""Jest and Vitest adapters against real runs of a small Express + Supertest app.

jest, vitest, supertest and express are installed once (npm) into a cache folder shared by the
session and later sessions; each test gets its own repo in tmp_path with `node_modules` linked in.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.runners import JestRunner, VitestRunner, detect_runner, run_tests
from agent.sandbox import ProcessSandbox

pytestmark = pytest.mark.node
FIXTURE = Path(__file__).parent / "fixtures" / "node-orders"


def _npm_major() -> int:
    out = subprocess.run(["npm", "--version"], capture_output=True, text=True, check=False).stdout.strip()
    return int(out.split(".")[0]) if out[:1].isdigit() else 0


@pytest.fixture(scope="session")
def node_modules(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A node_modules folder with jest, vitest, supertest and express, installed once and cached."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not on PATH")
    # Vitest 4 (vite 8) wants npm 11; older npm gets vitest 3.
    specs = ["jest@^30", "supertest@^7", "express@^5", "vitest@^4" if _npm_major() >= 11 else "vitest@^3"]
    key = hashlib.sha256(" ".join(specs).encode()).hexdigest()[:12]
    cache = getattr(request.config, "cache", None)
    base = cache.mkdir(f"assay-node-{key}") if cache is not None else tmp_path_factory.mktemp("node")
    modules = Path(base) / "node_modules"
    if not ((modules / ".bin" / "jest").exists() and (modules / ".bin" / "vitest").exists()):
        (Path(base) / "package.json").write_text('{"name": "assay-node-fixture", "private": true}\n')
        installed = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", *specs],
                                   cwd=base, capture_output=True, text=True, timeout=600, check=False)
        if installed.returncode != 0:
            pytest.skip(f"npm install failed (offline?): {installed.stderr.strip()[-200:]}")
    return modules


def _repo(root: Path, modules: Path, runner: str) -> Path:
    deps = {"jest": "*", "supertest": "*", "express": "*"} if runner == "jest" else \
        {"vitest": "*", "supertest": "*", "express": "*"}
    root.mkdir()
    (root / "package.json").write_text(json.dumps({"name": "orders", "private": True, "scripts": {"test": runner},
                                                   "devDependencies": deps}))
    shutil.copytree(FIXTURE / "src", root / "src")
    shutil.copytree(FIXTURE / runner, root / "tests")
    (root / "node_modules").symlink_to(modules, target_is_directory=True)
    return root


def test_jest_results_are_parsed_from_a_real_run(tmp_path: Path, node_modules: Path) -> None:
    repo = _repo(tmp_path / "jest-repo", node_modules, "jest")
    runner = detect_runner(repo)
    assert isinstance(runner, JestRunner)

    run, _ = run_tests(runner, ProcessSandbox(), repo, ["tests/orders.test.js", "tests/broken.test.js"], timeout=180)

    by_id = {t.id: t for t in run.tests}
    assert by_id["tests/orders.test.js::POST /orders > creates an order"].status == "passed"
    wrong = by_id["tests/orders.test.js::POST /orders > expects the wrong status on purpose"]
    assert wrong.status == "failed"
    assert wrong.message is not None and "Expected: 201" in wrong.message and "Received: 400" in wrong.message
    assert by_id["tests/orders.test.js::POST /orders > is skipped"].status == "skipped"
    assert by_id["tests/orders.test.js::POST /orders > accepts quantity 3"].status == "passed"
    broken = by_id["tests/broken.test.js::(file)"]
    assert broken.status == "error" and "does-not-exist" in (broken.message or "")
    assert (run.passed, run.failed, run.skipped, run.errors) == (3, 1, 1, 1)
    assert not list((repo / ".assay" / "tmp").iterdir()), "the JSON report is removed after parsing"


def test_jest_runs_single_tests_by_id(tmp_path: Path, node_modules: Path) -> None:
    repo = _repo(tmp_path / "jest-repo", node_modules, "jest")
    wanted = ["tests/orders.test.js::POST /orders > accepts quantity 1",
              "tests/orders.test.js::POST /orders > expects the wrong status on purpose"]

    run, _ = run_tests(JestRunner(), ProcessSandbox(), repo, wanted, timeout=180)

    assert sorted(t.id for t in run.tests) == sorted(wanted)
    assert {t.id: t.status for t in run.tests}[wanted[0]] == "passed"


def test_vitest_results_are_parsed_from_a_real_run(tmp_path: Path, node_modules: Path) -> None:
    repo = _repo(tmp_path / "vitest-repo", node_modules, "vitest")
    runner = detect_runner(repo)
    assert isinstance(runner, VitestRunner)

    run, _ = run_tests(runner, ProcessSandbox(), repo, ["tests/orders.test.mjs"], timeout=180)

    statuses = {t.id: t.status for t in run.tests}
    assert statuses == {
        "tests/orders.test.mjs::POST /orders > creates an order": "passed",
        "tests/orders.test.mjs::POST /orders > expects the wrong status on purpose": "failed",
        "tests/orders.test.mjs::POST /orders > is skipped": "skipped",
    }
    failed = next(t for t in run.tests if t.status == "failed")
    assert "expected 400 to be 201" in (failed.message or "")

    single, _ = run_tests(runner, ProcessSandbox(), repo, ["tests/orders.test.mjs::POST /orders > creates an order"],
                          timeout=180)
    assert [(t.id, t.status) for t in single.tests] == [("tests/orders.test.mjs::POST /orders > creates an order",
                                                          "passed")]
