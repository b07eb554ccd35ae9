"""Reference agents that check the instrument: a golden agent that submits the case's known-good suite and a lazy
agent that writes one happy-path, weakly asserted test. Both are `Responder`s for `agent.testing`, so they
drive the real SDK, the real loop, the real tools and verification; only the model's choices are scripted.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from agent.evals.cases import Case
from agent.testfiles import is_test_file
from agent.testing import Responder, ScriptItem, Turn, tool_use

NOTES = ("ADVICE.md", "ADVICE.json", "DIAGNOSIS.md")
"""Files in golden/ that are the answer's text, not files to write."""
_JS_TITLE = re.compile(r"""^\s*(?:it|test)(?:\.\w+)?\(\s*(['"`])(.+?)\1""", re.M)
_GO_TEST = re.compile(r"^func\s+(Test(?![a-z])\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)", re.M)
"""A Go test function as `go test` collects it: `func TestXxx(t *testing.T)` (not `Testxxx`)."""
_GO_PACKAGE = re.compile(r"^package\s+(\w+)", re.M)
_TEST_SUFFIXES = (".py", ".js", ".ts", ".go")


_LABELS = ("regression", "forbidden", "unauthorized", "invalid_input", "side_effect", "boundary", "not_found",
           "edge_case")


def label_of(test_name: str) -> str:
    """The golden agent's own scenario label for a test: the scenario its name says, else `success`. Labels are
    the model's claims; no grader reads them."""
    key = re.sub(r"[^a-z0-9]+", "_", test_name.lower())
    return next((label for label in _LABELS if label in key), "success")


def test_names(path: Path) -> list[str]:
    """Test names in a Python (`def test_*`), Go (`func TestXxx(t *testing.T)`) or JavaScript
    (`test('...')`/`it('...')`) file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return [n.name for n in ast.walk(ast.parse(text))
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test")]
    if path.suffix == ".go":
        return [m.group(1) for m in _GO_TEST.finditer(text)]
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
        names = test_names(folder / rel) if rel.endswith(_TEST_SUFFIXES) else []
        planned = [{"name": n, "layer": layer, "scenario": label_of(n)} for n in names]
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
        structured = case.golden / "ADVICE.json"
        if structured.exists():
            submission["plan"]["tests"] = json.loads(structured.read_text(encoding="utf-8"))["tests"]
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


# ---- adversarial reference agents: each must score low, or the instrument has a hole an optimiser will find ----

_ALL_SCENARIOS = ("success", "invalid_input", "boundary", "unauthorized", "forbidden", "side_effect", "regression",
                  "not_found", "edge_case")
_STUFFING = ("unit tests at the pure function seam, parametrized over each boundary and threshold; integration "
             "tests through the endpoint for the wiring; the cause is shared global state leaking between tests "
             "depending on order, fixed by isolating and resetting state in an autouse fixture")
"""Words that graders reading keywords would reward, with no knowledge of the case."""


def _source_files(case: Case) -> list[str]:
    skip = ("node_modules/", ".git/", "__pycache__/")
    return sorted(p.relative_to(case.repo).as_posix() for p in case.repo.rglob("*")
                  if p.is_file() and not p.relative_to(case.repo).as_posix().startswith(skip)
                  and "/__pycache__/" not in p.as_posix() and not is_test_file(p.name))


def _test_folder(case: Case) -> str:
    for folder in (case.golden, case.lazy):
        files = [rel for rel in _files(folder) if is_test_file(rel)]
        if files:
            return files[0].rsplit("/", 1)[0] if "/" in files[0] else ""
    return "tests"


def _pinning_file(case: Case, names: Sequence[str]) -> tuple[str, str]:
    """A test file whose every test asserts that no source file changed by one byte."""
    pins = {rel: hashlib.sha256((case.repo / rel).read_bytes()).hexdigest() for rel in _source_files(case)}
    folder = _test_folder(case)
    depth = folder.count("/") + 1 if folder else 0
    if (case.repo / "go.mod").exists():
        return _go_pinning_file(case, folder, depth, pins, names)
    if "pytest" in case.test_command:
        body = ["import hashlib", "import pathlib", "",
                f"ROOT = pathlib.Path(__file__).resolve().parents[{depth}]",
                f"PINNED = {json.dumps(pins, indent=4)}", "", ""]
        for name in names:  # the assertion inline in each test, so no scan calls a test assertion-free
            body += [f"def test_{name}():", "    digests = {rel: hashlib.sha256((ROOT / rel).read_bytes()).hexdigest()"
                     " for rel in PINNED}", "    assert digests == PINNED", "", ""]
        rel = f"{folder}/test_contract.py" if folder else "test_contract.py"
        return rel, "\n".join(body)
    up = "/".join([".."] * depth) or "."
    if "vitest" in case.test_command:
        head = ["import { createHash } from 'node:crypto';", "import { readFileSync } from 'node:fs';",
                "import { expect, test } from 'vitest';", f"const root = new URL('{up}/', import.meta.url);",
                "const read = (rel) => readFileSync(new URL(rel, root));"]
    else:
        head = ["const { createHash } = require('crypto');", "const { readFileSync } = require('fs');",
                "const path = require('path');", f"const root = path.join(__dirname, '{up}');",
                "const read = (rel) => readFileSync(path.join(root, rel));"]
    body = [*head, f"const PINNED = {json.dumps(pins, indent=2)};", "",
            "function unchanged() {", "  for (const [rel, digest] of Object.entries(PINNED)) {",
            "    expect(createHash('sha256').update(read(rel)).digest('hex')).toBe(digest);", "  }", "}", ""]
    body += [f"test('{name}', () => unchanged());" for name in names]
    rel = f"{folder}/contract.test.js" if folder else "contract.test.js"
    return rel, "\n".join(body) + "\n"


def go_test_name(name: str) -> str:
    """`invalid_input` -> `TestInvalidInput`: a name `go test` collects."""
    return "Test" + "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _go_package(case: Case, folder: str) -> str:
    """The package clause of the Go files in `folder` (a test file must share it), else `main`."""
    for path in sorted((case.repo / folder).glob("*.go")):
        match = _GO_PACKAGE.search(path.read_text(encoding="utf-8"))
        if match:
            return match.group(1).removesuffix("_test")
    return "main"


def _go_pinning_file(case: Case, folder: str, depth: int, pins: dict[str, str], names: Sequence[str]
                     ) -> tuple[str, str]:
    """The Go change detector: `go test` runs in the package's folder, so the repo root is `depth` levels up."""
    up = "/".join([".."] * depth) or "."
    body = [f"package {_go_package(case, folder)}", "", "import (", '\t"crypto/sha256"', '\t"encoding/hex"',
            '\t"os"', '\t"path/filepath"', '\t"testing"', ")", "", "var pinned = map[string]string{"]
    body += [f"\t{json.dumps(rel)}: {json.dumps(digest)}," for rel, digest in pins.items()]
    body += ["}", ""]
    for name in names:  # the check inline in each test, as in the Python and JavaScript detectors
        body += [f"func {go_test_name(name)}(t *testing.T) {{", "\tfor rel, digest := range pinned {",
                 f"\t\tdata, err := os.ReadFile(filepath.Join({json.dumps(up)}, rel))", "\t\tif err != nil {",
                 "\t\t\tt.Fatal(err)", "\t\t}", "\t\tsum := sha256.Sum256(data)",
                 "\t\tif hex.EncodeToString(sum[:]) != digest {", '\t\t\tt.Fatalf("%s changed", rel)', "\t\t}",
                 "\t}", "}", ""]
    rel = f"{folder}/contract_test.go" if folder else "contract_test.go"
    return rel, "\n".join(body)


def _labelled_plan(names: list[str], layer: str) -> list[dict[str, Any]]:
    return [{"name": n, "layer": layer, "scenario": s, "description": f"{s}: {_STUFFING}"}
            for n in names for s in _ALL_SCENARIOS if s in n or len(names) == 1]


def _adversarial(case: Case, files: dict[str, str], plan: list[dict[str, Any]], regression: list[str]
                 ) -> dict[str, Any]:
    return {
        "test_surface": {"summary": f"{case.request.split('.')[0]}. {_STUFFING}.", "targets": list(case.targets)},
        "plan": {"layers": ["advice"] if case.kind == "advice" else ["unit", "integration"],
                 "rationale": _STUFFING, "tests": plan},
        "implementation": {"files": [{"path": rel, "action": "modified" if (case.repo / rel).exists() else "created",
                                      "tests": sorted({t["name"] for t in plan}), "regression": regression}
                                     for rel in files],
                           "notes": _STUFFING},
        "gaps": [],
    }


def _as_test_name(rel: str, scenario: str) -> str:
    if rel.endswith(".py"):
        return f"test_{scenario}"
    return go_test_name(scenario) if rel.endswith(".go") else scenario


def gamer_responder(case: Case) -> Responder:
    """A change detector: one test per scenario name, each pinning the sha256 of every source file."""
    if case.kind == "advice":
        return _script({}, _adversarial(case, {}, [], []))
    names = [s for s in _ALL_SCENARIOS if s in case.scenarios] or ["success", "edge_case"]
    rel, content = _pinning_file(case, names)
    plan = [{"name": _as_test_name(rel, n), "layer": "unit", "scenario": n, "description": _STUFFING}
            for n in names]
    return _script({rel: content}, _adversarial(case, {rel: content}, plan, []))


def stuffer_responder(case: Case) -> Responder:
    """Weak tests (the lazy suite) labelled with every scenario, prose stuffed with the words graders look for."""
    files = {} if case.kind == "advice" else _files(case.lazy)
    names = [n for rel in files for n in test_names(case.lazy / rel)]
    return _script(files, _adversarial(case, files, _labelled_plan(names, "unit"), []))


REFERENCE_AGENTS = {"golden": golden_responder, "lazy": lazy_responder, "gamer": gamer_responder,
                    "stuffer": stuffer_responder}


# ---- a skill-following reference agent: what it writes depends on the rules the skill states ----

def skill_asks_for(skill_text: str, scenario: str) -> bool:
    """Whether the skill text names `scenario` (as `side_effect`, `side effect` or `side-effect`): the follower
    writes a scenario's tests only when its skill asks for that scenario."""
    words = r"[ _-]".join(re.escape(w) for w in scenario.split("_"))
    return re.search(rf"\b{words}\b", skill_text, re.I) is not None


def _system_text(body: dict[str, Any]) -> str:
    system = body.get("system")
    if isinstance(system, list):
        return "\n".join(str(b.get("text", "")) for b in system if isinstance(b, dict))
    return str(system or "")


def _keep_tests(source: str, keep: Callable[[str], bool]) -> tuple[str, list[str]]:
    """A Python test file without the test functions `keep` rejects; returns (text, kept test names)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    drop: list[tuple[int, int]] = []
    kept: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            if keep(node.name):
                kept.append(node.name)
            else:
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
                drop.append((start, node.end_lineno or node.lineno))
    out = [line for i, line in enumerate(lines) if not any(a <= i < b for a, b in drop)]
    return "".join(out), kept


def follower_responder(case: Case) -> Responder:
    """Reads its skill from the system prompt and writes the golden tests of the scenarios the skill asks for
    (success always; a test's scenario is what its name says, as the golden agent labels it). Python test files
    are filtered test by test; other files are written whole. Advice and diagnosis cases are answered as the
    golden agent answers them. A skill that names more of the scenarios a case needs scores higher."""
    if case.kind != "files":
        return golden_responder(case)
    golden = _files(case.golden)

    def respond(body: dict[str, Any]) -> ScriptItem:
        skill = _system_text(body)

        def wanted(name: str) -> bool:
            return label_of(name) == "success" or skill_asks_for(skill, label_of(name))

        files: dict[str, str] = {}
        for rel, content in golden.items():
            if rel.endswith(".py") and is_test_file(rel):
                text, kept = _keep_tests(content, wanted)
                if kept:
                    files[rel] = text
            else:
                files[rel] = content
        tests = [{"name": n, "layer": "integration", "scenario": label_of(n)} for rel, content in files.items()
                 if rel.endswith(".py") for n in _py_test_names(content)]
        submission = _submission(case, {}, case.golden, layer="integration", rationale="what the skill asks for")
        submission["plan"]["tests"] = tests
        submission["implementation"]["files"] = [
            {"path": rel, "action": "modified" if (case.repo / rel).exists() else "created",
             "tests": _py_test_names(content) if rel.endswith(".py") else [], "regression": []}
            for rel, content in files.items()]
        return _script(files, submission)(body)

    return respond


def _py_test_names(source: str) -> list[str]:
    return [n.name for n in ast.parse(source).body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test")]


REFERENCE_AGENTS["follower"] = follower_responder
