"""Reference agents that check the instrument: a golden agent that submits the case's known-good suite and a lazy
agent that writes one happy-path, weakly asserted test. Both are `Responder`s for `agent.fake_anthropic`, so they
drive the real SDK, the real loop, the real tools and verification; only the model's choices are scripted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from agent.evals.cases import Case
from agent.evals.graders import scenario_of
from agent.fake_anthropic import Responder, ScriptItem, Turn, tool_use

NOTES = ("ADVICE.md", "DIAGNOSIS.md")
"""Files in golden/ that are the answer's text, not files to write."""
_JS_TITLE = re.compile(r"""^\s*(?:it|test)(?:\.\w+)?\(\s*(['"`])(.+?)\1""", re.M)


def test_names(path: Path) -> list[str]:
    """Test names in a Python (`def test_*`) or JavaScript (`test('...')`/`it('...')`) file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return [n.name for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test")]
    return [m.group(2) for m in _JS_TITLE.finditer(text)]


def _files(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in NOTES}


def _submission(case: Case, files: dict[str, str], folder: Path, *, layer: str, rationale: str,
                notes: str = "") -> dict[str, Any]:
    tests: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for rel in files:
        names = test_names(folder / rel) if rel.endswith((".py", ".js", ".ts")) else []
        planned = [{"name": n, "layer": layer, "scenario": scenario_of(n)} for n in names]
        tests += planned
        changes.append({"path": rel, "action": "modified" if (case.repo / rel).exists() else "created",
                        "tests": names, "regression": [t["name"] for t in planned if t["scenario"] == "regression"]})
    return {
        "test_surface": {"summary": f"{case.request.split('.')[0]}.", "targets": list(case.targets)},
        "plan": {"layers": [layer], "rationale": rationale, "tests": tests},
        "implementation": {"files": changes, "notes": notes},
        "gaps": [],
    }


def _script(writes: dict[str, str], submission: dict[str, Any]) -> Responder:
    def respond(body: dict[str, Any]) -> ScriptItem:
        step = sum(1 for m in body.get("messages", []) if m.get("role") == "assistant")
        if step == 0 and writes:
            blocks = [tool_use("write_file", {"path": p, "content": c}).content[0] for p, c in writes.items()]
            return Turn(blocks)
        return tool_use("submit_outcome", submission)

    return respond


def golden_responder(case: Case) -> Responder:
    """Writes the case's golden files in one turn, then submits a correct outcome."""
    if case.kind == "advice":
        advice = (case.golden / "ADVICE.md").read_text(encoding="utf-8").strip()
        submission = _submission(case, {}, case.golden, layer="advice", rationale=advice)
        submission["test_surface"]["summary"] = advice.split(". ")[0] + "."
        return _script({}, submission)
    files = _files(case.golden)
    diagnosis = case.golden / "DIAGNOSIS.md"
    notes = diagnosis.read_text(encoding="utf-8").strip() if diagnosis.exists() else ""
    layer = "unit" if case.kind == "diagnosis" else "integration"
    return _script(files, _submission(case, files, case.golden, layer=layer, notes=notes,
                                      rationale="the cheapest layer that makes each contract observable"))


def lazy_responder(case: Case) -> Responder:
    """Writes one happy-path test with a weak assertion and submits it as if it were enough."""
    files = _files(case.lazy)
    return _script(files, _submission(case, files, case.lazy, layer="integration", rationale="a smoke test"))


REFERENCE_AGENTS = {"golden": golden_responder, "lazy": lazy_responder}
