"""Mutation probe: small, deliberate bugs in the code under test; good tests fail on them.

A bounded set of AST mutants (boundary and comparison flips, arithmetic swaps, constant and
status-code changes, negated conditions, dropped raises, calls and returns) is run against
the NEW tests only, two workers in parallel. Each worker is one interpreter inside the sandbox
that imports pytest and the target's third-party imports once, then forks a child per mutant
(the idea behind mutmut 3's fork-per-mutant), so a mutant costs a test run, not an interpreter
start. The child loads the mutated module from memory through an import hook: no file is
written, so the user's tree stays byte-identical. Timeouts count as detected.
"""

from __future__ import annotations

import ast
import copy
import json
import shutil
import sys
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.runners.base import REPORT_DIR
from agent.runners.pytest import repo_python
from agent.sandbox import Sandbox

WORKER = Path(__file__).with_name("mutation_worker.py")
_STATUS_SWAPS = {200: 201, 201: 200, 204: 200, 400: 200, 401: 200, 403: 200, 404: 200, 409: 200, 422: 200}
_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult,
}


@dataclass(frozen=True)
class Mutant:
    """One mutated version of one file."""

    file: str
    line: int
    kind: str
    change: str
    source: str

    def label(self) -> str:
        return f"{self.file}:{self.line}: {self.change}"


@dataclass
class MutationReport:
    """What the probe found."""

    killed: list[str] = field(default_factory=list)
    survived: list[str] = field(default_factory=list)
    timed_out: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def total(self) -> int:
        return len(self.killed) + len(self.survived) + len(self.timed_out)

    @property
    def score(self) -> float:
        return round((len(self.killed) + len(self.timed_out)) / self.total, 3) if self.total else 0.0

    def to_check(self) -> dict[str, Any]:
        if self.skipped:
            return {"summary": f"mutation probe skipped: {self.skipped}", "skipped": self.skipped}
        return {"summary": f"mutation score {self.score:.0%}: {len(self.killed)} killed, {len(self.survived)} "
                           f"survived, {len(self.timed_out)} timed out of {self.total}",
                "score": self.score, "killed": len(self.killed), "timed_out": len(self.timed_out),
                "survived": self.survived}


class _Mutator(ast.NodeTransformer):
    """Applies the `target`-th mutation opportunity found in walk order; counts them all."""

    def __init__(self, target: int) -> None:
        self.target, self.seen = target, 0
        self.applied: tuple[int, str, str] | None = None

    def _hit(self, node: ast.AST, kind: str, change: str) -> bool:
        hit = self.seen == self.target
        self.seen += 1
        if hit:
            self.applied = (getattr(node, "lineno", 0), kind, change)
        return hit

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        op = type(node.ops[0])
        if op in _COMPARE_SWAPS and self._hit(node, "boundary", f"{_sym(op)} -> {_sym(_COMPARE_SWAPS[op])}"):
            node.ops[0] = _COMPARE_SWAPS[op]()
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        op = type(node.op)
        if op in _BINOP_SWAPS and self._hit(node, "arithmetic", f"{_sym(op)} -> {_sym(_BINOP_SWAPS[op])}"):
            node.op = _BINOP_SWAPS[op]()
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            return node
        if value in _STATUS_SWAPS:
            if self._hit(node, "status", f"status {value} -> {_STATUS_SWAPS[value]}"):
                return ast.copy_location(ast.Constant(_STATUS_SWAPS[value]), node)
        elif self._hit(node, "constant", f"{value} -> {value + 1}"):
            return ast.copy_location(ast.Constant(value + 1), node)
        return node

    def visit_If(self, node: ast.If) -> ast.AST:
        self.generic_visit(node)
        if self._hit(node, "condition", f"if {ast.unparse(node.test)[:40]} -> if not (...)"):
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
        return node

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        if self._hit(node, "dropped", f"dropped `{ast.unparse(node)[:50]}`"):
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Return(self, node: ast.Return) -> ast.AST:
        self.generic_visit(node)
        if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None) and \
                self._hit(node, "return", f"return {ast.unparse(node.value)[:40]} -> return None"):
            node.value = ast.Constant(None)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.value, ast.Call) and self._hit(node, "dropped", f"dropped call "
                                                           f"`{ast.unparse(node.value)[:50]}`"):
            return ast.copy_location(ast.Pass(), node)
        return node


def _sym(op: type[ast.AST]) -> str:
    return {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is",
            ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
            ast.Div: "/", ast.FloorDiv: "//"}.get(op, op.__name__)


def generate(repo: Path, files: Sequence[str], limit: int) -> list[Mutant]:
    """Up to `limit` mutants, spread over kinds and lines so a small budget still samples the whole file."""
    pool: list[Mutant] = []
    for rel in files:
        source = (repo / rel).read_text(encoding="utf-8")
        tree = ast.parse(source)
        counter = _Mutator(-1)
        counter.visit(copy.deepcopy(tree))
        for index in range(counter.seen):
            mutator = _Mutator(index)
            mutated = mutator.visit(copy.deepcopy(tree))
            if mutator.applied is None or _in_docstring_or_main(mutator.applied[0], tree):
                continue
            line, kind, change = mutator.applied
            pool.append(Mutant(rel, line, kind, change, ast.unparse(ast.fix_missing_locations(mutated))))
    by_kind: dict[str, list[Mutant]] = {}
    for mutant in pool:
        by_kind.setdefault(mutant.kind, []).append(mutant)
    chosen: list[Mutant] = []
    while len(chosen) < limit and any(by_kind.values()):
        for kind in sorted(by_kind):
            if by_kind[kind] and len(chosen) < limit:
                bucket = by_kind[kind]
                chosen.append(bucket.pop(len(bucket) // 2 if len(chosen) % 2 else 0))
    return sorted(chosen, key=lambda m: (m.file, m.line))


def _in_docstring_or_main(line: int, tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test) and \
                node.lineno <= line <= (node.end_lineno or line):
            return True
    return False


def probe(sandbox: Sandbox, repo: Path, targets: Sequence[str], tests: Sequence[str], *, limit: int = 30,
          per_mutant_timeout: float = 20.0, budget_s: float = 240.0, workers: int = 2) -> MutationReport:
    """Run the new `tests` against mutants of the Python `targets`; nothing in `repo` is written but reports."""
    files = [t for t in targets if t.endswith(".py") and (repo / t).is_file()]
    report = MutationReport()
    if not files:
        report.skipped = "no Python target files named in the test surface"
        return report
    if not tests:
        report.skipped = "no new tests to run"
        return report
    mutants = generate(repo, files, limit)
    if not mutants:
        report.skipped = "no mutation opportunities in the target files"
        return report
    shares = [mutants[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        jobs = [pool.submit(_worker, sandbox, repo, i, share, tests, files, per_mutant_timeout, budget_s)
                for i, share in enumerate(shares) if share]
        for job in jobs:
            outcome = job.result()
            if "error" in outcome:
                report.skipped = outcome["error"]
                return report
            for label, verdict in outcome["results"]:
                {"killed": report.killed, "survived": report.survived}.get(verdict, report.timed_out).append(label)
    return report


def _worker(sandbox: Sandbox, repo: Path, number: int, mutants: list[Mutant], tests: Sequence[str],
            files: list[str], timeout: float, budget: float) -> dict[str, Any]:
    folder = repo / REPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tag = f"mutants-{uuid.uuid4().hex[:8]}-{number}"
    spec_path, out, script = folder / f"{tag}.json", folder / f"{tag}-result.json", folder / f"{tag}-worker.py"
    spec = {"tests": list(tests), "timeout": timeout, "budget": budget, "preload": _third_party_imports(repo, files),
            "result": str(out),
            "mutants": [{"label": m.label(), "file": m.file, "module": _module_name(m.file), "source": m.source}
                        for m in mutants]}
    spec_path.write_text(json.dumps(spec))
    shutil.copy2(WORKER, script)
    try:
        result = sandbox.run([repo_python(repo), str(script), str(spec_path)], cwd=repo, timeout=budget + 30)
        if not out.exists():
            return {"error": f"the mutation worker failed: {result.output.strip()[-300:]}"}
        data: dict[str, Any] = json.loads(out.read_text())
        return data
    finally:
        for leftover in (spec_path, out, script):
            leftover.unlink(missing_ok=True)


def _module_name(rel: str) -> str:
    parts = rel[:-3].split("/")
    if parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _third_party_imports(repo: Path, files: list[str]) -> list[str]:
    """Top-level packages the targets import that are not the repo's own: safe to import once before forking."""
    local = {p.name.removesuffix(".py") for p in repo.iterdir()} | {p.name for p in (repo / "src").glob("*")}
    names: set[str] = set()
    for rel in files:
        for node in ast.walk(ast.parse((repo / rel).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return sorted(n for n in names if n not in local and n not in sys.stdlib_module_names)
