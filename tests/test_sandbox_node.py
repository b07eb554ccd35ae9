"""Node under the sandbox: WebAssembly's address-space reservations fit the limits while a heap bomb does not;
Vitest 2 loads an ESM config from a read-only repo; the Node eval cases' golden suites get through the whole
verification inside bubblewrap. The eval cases' own installs (`npm ci`) are cached across sessions."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from agent.evals.cases import load_cases
from agent.evals.harness import install_cache
from agent.runners import VitestRunner, run_tests
from agent.sandbox import BwrapSandbox, Limits, ProcessSandbox, Sandbox, bwrap_works
from evals_fixtures import eval_case_installs

pytestmark = [pytest.mark.node, pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")]
needs_bwrap = pytest.mark.skipif(bwrap_works() is not None, reason=f"bubblewrap unavailable: {bwrap_works()}")
SANDBOXES = [pytest.param(BwrapSandbox, marks=needs_bwrap, id="bwrap"), pytest.param(ProcessSandbox, id="fallback")]

# A module with one page of linear memory: V8 reserves ~10 GB of guard regions for it.
WASM = ("WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1]))"
        ".then(() => console.log('WASM OK'))")
HEAP_BOMB = "const held = []; for (;;) held.push(Buffer.alloc(64 * 1024 * 1024, 1));"


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_webassembly_runs_and_a_heap_bomb_dies_under_a_one_gigabyte_limit(tmp_path: Path,
                                                                          sandbox_cls: type[Sandbox]) -> None:
    sandbox = sandbox_cls(limits=Limits(memory_bytes=1024**3))
    wasm = sandbox.run(["node", "-e", WASM], cwd=tmp_path, timeout=30)
    bomb = sandbox.run(["node", "-e", HEAP_BOMB], cwd=tmp_path, timeout=60)
    assert wasm.exit_code == 0 and "WASM OK" in wasm.output, wasm.output
    assert bomb.exit_code != 0 and not bomb.timed_out


@pytest.fixture(scope="module")
def case_installs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Node cases' `npm ci`, shared with the reference-agent eval tests (one install per case version)."""
    return eval_case_installs(request, tmp_path_factory)


TS_CONFIG = """\
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here: string = fileURLToPath(new URL('.', import.meta.url));
export default defineConfig({ test: { globals: true, env: { CONFIG_DIR: here } } });
"""


@pytest.mark.parametrize("sandbox_cls", SANDBOXES)
def test_vitest_2_loads_the_typescript_config_of_an_esm_package(tmp_path: Path, case_installs: Path,
                                                                 sandbox_cls: type[Sandbox]) -> None:
    # Vite 5 writes the bundled config next to vitest.config.ts: read-only under bwrap, so the runner shims it.
    case = next(c for c in load_cases() if c.name == "vitest-inventory")
    repo = tmp_path / "repo"
    shutil.copytree(case.repo, repo)
    (repo / "node_modules").symlink_to(install_cache(case, case_installs, threading.Lock()), target_is_directory=True)
    (repo / "vitest.config.ts").write_text(TS_CONFIG)
    expected = json.dumps(f"{repo.resolve()}/")
    (repo / "test" / "config.test.js").write_text(
        f"test('sees the config', () => {{ expect(process.env.CONFIG_DIR).toBe({expected}); }});\n")

    run, result = run_tests(VitestRunner(), sandbox_cls(), repo, ["test/config.test.js"], timeout=120)

    assert [(t.id, t.status) for t in run.tests] == [("test/config.test.js::sees the config", "passed")], \
        result.output[-2000:]
    assert not [p.name for p in repo.iterdir() if ".timestamp-" in p.name]
