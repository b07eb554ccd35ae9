"""Jest and Vitest adapters against real runs of a small Express + Supertest app, in both sandboxes.

jest, vitest, supertest and express are installed once (npm) into a cache folder shared by the
session and later sessions; each test gets its own repo in tmp_path with `node_modules` linked in.
Under bubblewrap the repo and `node_modules` are read-only: the runs must pass without writing there.
"""

from __future__ import annotations

import hashlib
import json
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from agent.runners import JestRunner, VitestRunner, detect_runner, run_tests
from agent.runners.node import binary
from agent.sandbox import BwrapSandbox, ProcessSandbox, Sandbox, bwrap_works

pytestmark = pytest.mark.node
FIXTURE = Path(__file__).parent / "fixtures" / "node-orders"
needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")
SANDBOXES = [pytest.param(ProcessSandbox, id="process"), pytest.param(BwrapSandbox, marks=needs_bwrap, id="bwrap")]


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


def _tree(repo: Path) -> dict[str, tuple[int, int]]:
    """Every path in the repo (not the linked node_modules, not the runtime's `.assay`) with its mtime and size."""
    found: dict[str, tuple[int, int]] = {}
    for path in repo.rglob("*"):
        rel = path.relative_to(repo).as_posix()
        if not rel.startswith((".assay", "node_modules")):
            found[rel] = (path.lstat().st_mtime_ns, path.lstat().st_size)
    return found


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_jest_results_are_parsed_from_a_real_run(tmp_path: Path, node_modules: Path,
                                                 sandbox_cls: type[Sandbox]) -> None:
    repo = _repo(tmp_path / "jest-repo", node_modules, "jest")
    runner = detect_runner(repo)
    assert isinstance(runner, JestRunner)
    before = _tree(repo)

    sandbox = sandbox_cls()
    run, _ = run_tests(runner, sandbox, repo, ["tests/orders.test.js", "tests/broken.test.js"], timeout=180)

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
    assert not list(sandbox.scratch.outputs.iterdir()), "the JSON report is removed after parsing"
    assert _tree(repo) == before


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_jest_runs_single_tests_by_id(tmp_path: Path, node_modules: Path, sandbox_cls: type[Sandbox]) -> None:
    repo = _repo(tmp_path / "jest-repo", node_modules, "jest")
    wanted = ["tests/orders.test.js::POST /orders > accepts quantity 1",
              "tests/orders.test.js::POST /orders > expects the wrong status on purpose"]

    run, _ = run_tests(JestRunner(), sandbox_cls(), repo, wanted, timeout=180)

    assert sorted(t.id for t in run.tests) == sorted(wanted)
    assert {t.id: t.status for t in run.tests}[wanted[0]] == "passed"


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_vitest_results_are_parsed_from_a_real_run(tmp_path: Path, node_modules: Path,
                                                   sandbox_cls: type[Sandbox]) -> None:
    repo = _repo(tmp_path / "vitest-repo", node_modules, "vitest")
    runner = detect_runner(repo)
    assert isinstance(runner, VitestRunner)
    before = _tree(repo)

    run, _ = run_tests(runner, sandbox_cls(), repo, ["tests/orders.test.mjs"], timeout=180)

    statuses = {t.id: t.status for t in run.tests}
    assert statuses == {
        "tests/orders.test.mjs::POST /orders > creates an order": "passed",
        "tests/orders.test.mjs::POST /orders > expects the wrong status on purpose": "failed",
        "tests/orders.test.mjs::POST /orders > is skipped": "skipped",
    }
    failed = next(t for t in run.tests if t.status == "failed")
    assert "expected 400 to be 201" in (failed.message or "")

    single, _ = run_tests(runner, sandbox_cls(), repo, ["tests/orders.test.mjs::POST /orders > creates an order"],
                          timeout=180)
    assert [(t.id, t.status) for t in single.tests] == [("tests/orders.test.mjs::POST /orders > creates an order",
                                                          "passed")]
    assert _tree(repo) == before


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_vitest_loads_an_esm_config_file(tmp_path: Path, node_modules: Path, sandbox_cls: type[Sandbox]) -> None:
    # Vite bundles the config into node_modules/.vite-temp before importing it; `globals` proves it was loaded.
    repo = _repo(tmp_path / "vitest-repo", node_modules, "vitest")
    (repo / "vitest.config.mjs").write_text("export default { test: { globals: true } };\n")
    (repo / "tests" / "globals.test.mjs").write_text("test('sees the globals', () => { expect(1 + 1).toBe(2); });\n")
    before = _tree(repo)

    run, result = run_tests(VitestRunner(), sandbox_cls(), repo, ["tests/globals.test.mjs"], timeout=180)

    assert [(t.id, t.status) for t in run.tests] == [("tests/globals.test.mjs::sees the globals", "passed")], \
        result.output[-2000:]
    assert _tree(repo) == before
    assert not list((node_modules / ".vite-temp").iterdir()), "no bundled config is left behind"
    assert "--config" not in run.command, "Vite >= 6.1 bundles into node_modules/.vite-temp: no shim needed"


@needs_bwrap
def test_jest_keeps_its_cache_in_the_sandbox_tmp(tmp_path: Path, node_modules: Path) -> None:
    repo = _repo(tmp_path / "jest-repo", node_modules, "jest")
    jest = shlex.join(binary(repo, "jest"))

    result = BwrapSandbox().run(f"{jest} --showConfig | grep cacheDirectory; {jest} --ci tests/orders.test.js "
                                ">/dev/null 2>&1; ls /tmp", cwd=repo, timeout=180)

    cache = json.loads("{" + result.output.splitlines()[0].strip().rstrip(",") + "}")["cacheDirectory"]
    assert cache.startswith("/tmp/jest_"), result.output
    assert Path(cache).name in result.output.splitlines()[1:], "the run filled it (on the sandbox's own tmpfs)"
