"""Offline engine speed: the demo end to end (target < 10 s) and discovery + generation for a synthetic FastAPI
app with 100 routes (target < 3 s), both on this machine. Prints the figures."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from agent.demo import DEMO_MUTANTS, DEMO_REQUEST, prepare_demo_repo
from agent.models.base import ModelRequest
from agent.models.offline import OfflineModel
from agent.sandbox import default_sandbox
from agent.session import RunConfig, command_env, run_session
from agent.tools import tool_specs

ROUTES = 100


def synthetic_app(root: Path) -> Path:
    repo = root / "big"
    (repo / "big").mkdir(parents=True)
    (repo / "big" / "__init__.py").write_text("")
    lines = ["from fastapi import FastAPI", "from pydantic import BaseModel, Field", "", "app = FastAPI()", ""]
    for i in range(ROUTES // 2):
        lines += [
            f"class Item{i}(BaseModel):",
            "    name: str = Field(min_length=1, max_length=40)",
            "    quantity: int = Field(ge=1, le=1000)",
            "",
            f"STORE{i} = {{}}",
            "",
            f"@app.post('/things{i}', status_code=201)",
            f"def create_{i}(item: Item{i}):",
            f"    STORE{i}[len(STORE{i}) + 1] = item",
            f"    return {{'id': len(STORE{i}), **item.model_dump()}}",
            "",
            f"@app.get('/things{i}/{{item_id}}')",
            f"def read_{i}(item_id: int):",
            "    return {'id': item_id}",
            "",
        ]
    (repo / "big" / "main.py").write_text("\n".join(lines))
    (repo / ".git").mkdir()  # the discovery step only needs a folder; no git call is made here
    return repo


def discovery_and_generation(repo: Path) -> tuple[float, int]:
    """Time the engine's first two turns: the sandboxed discovery command, then generating the files."""
    model = OfflineModel()
    first = {"role": "user", "content": [{"type": "text", "text": "Request: add tests for the things endpoints"}]}
    start = time.perf_counter()
    turn = model.respond(ModelRequest("", [first], tool_specs()))
    command = turn.tool_calls[0].input["command"]
    result = default_sandbox().run(command, cwd=repo, timeout=300, env=command_env(repo))
    reply = {"role": "user", "content": [{"type": "tool_result", "tool_use_id": turn.tool_calls[0].id,
                                          "content": result.output}]}
    writes = model.respond(ModelRequest("", [first, {"role": "assistant", "content": turn.content}, reply],
                                        tool_specs()))
    elapsed = time.perf_counter() - start
    tests = sum(block["input"]["content"].count("\ndef test_") for block in writes.content)
    return elapsed, tests


def main() -> None:
    demo_times = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            repo = prepare_demo_repo(Path(tmp))
            start = time.perf_counter()
            result = run_session(RunConfig(repo=repo, request=DEMO_REQUEST, model="offline",
                                           verify_options={"max_mutants": DEMO_MUTANTS}), progress=lambda _: None)
            demo_times.append(time.perf_counter() - start)
            assert result.outcome.run.findings, "the demo must report its finding"
    demo = statistics.median(demo_times)
    print(f"offline demo end to end: median {demo:.2f} s over 3 runs (target < 10 s) -> "
          f"{'OK' if demo < 10 else 'MISSED'}")
    with tempfile.TemporaryDirectory() as tmp:
        repo = synthetic_app(Path(tmp))
        elapsed, tests = discovery_and_generation(repo)
    print(f"discovery + generation, FastAPI app with {ROUTES} routes: {elapsed:.2f} s, {tests} tests generated "
          f"(target < 3 s) -> {'OK' if elapsed < 3 else 'MISSED'}")
    print(f"sandbox: {default_sandbox().name}; python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
