"""Isolation script: runs INSIDE the sandbox (through `run_command`) to diagnose a suite that passes alone and
fails together.

Standard library only. It runs every test file alone and then the whole suite together, compares the two,
and looks for the usual cause: module-level containers (dicts, lists, sets...) in the repo's modules that
functions mutate, so state written by one test is seen by the next. It prints one protocol envelope
(`protocol.py`) as its last line; everything else it prints is noise.
"""

import ast
import os
import re
import subprocess
import sys
from typing import Any

from .protocol import emit
from .workspace import is_test_name, walk

ROOT = os.getcwd()
SKIP_DIRS = {".git", ".venv", "venv", "env", "node_modules", "__pycache__", ".assay", "build", "dist",
             "site-packages", ".tox", ".mypy_cache", ".pytest_cache"}
CONTAINERS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}
MUTATORS = {"append", "add", "update", "clear", "pop", "popitem", "setdefault", "extend", "insert", "remove",
            "discard", "appendleft"}
FAILED = re.compile(r"^(?:FAILED|ERROR) (\S+?)(?: - .*)?$", re.M)


def pytest(paths):
    command = [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "-p", "no:randomly", *paths]
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return {"exit": -1, "failed": [], "tail": "timed out after 300 s"}
    output = done.stdout + done.stderr
    return {"exit": done.returncode, "failed": sorted(set(FAILED.findall(output))),
            "tail": " ".join(output.strip().splitlines()[-2:])[:300]}


def module_file(name):
    base = name.replace(".", "/")
    for candidate in (f"{base}.py", f"{base}/__init__.py", f"src/{base}.py", f"src/{base}/__init__.py"):
        if os.path.isfile(os.path.join(ROOT, candidate)):
            return candidate
    return None


def parse(rel):
    try:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as handle:
            return ast.parse(handle.read())
    except (OSError, SyntaxError, ValueError):
        return None


def imported_modules(test_file):
    tree = parse(test_file)
    names = []
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]  # `from pkg import module`
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names]
    return [(n, f) for n in dict.fromkeys(names) if (f := module_file(n))]


def container_kind(value):
    if isinstance(value, (ast.Dict, ast.List, ast.Set)):
        return type(value).__name__.lower()
    if isinstance(value, ast.Call):
        func = value.func
        called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        return called if called in CONTAINERS else None
    return None


def containers(tree, module, rel):
    """Module-level names bound to a mutable container, by name."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            target, value = node.target.id, node.value
        else:
            continue
        kind = container_kind(value)
        if kind:
            found[target] = {"module": module, "file": rel, "name": target, "kind": kind, "line": node.lineno}
    return found


def mutated_name(node):
    """The plain name whose container `node` changes, if it does: `x[k] = v`, `x[k]["a"] = v`, `x.append(v)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        return getattr(node.func.value, "id", None)
    for inner in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else ():
        if not isinstance(inner, ast.Subscript):
            continue
        while isinstance(inner, ast.Subscript):
            inner = inner.value
        if isinstance(inner, ast.Name):
            return inner.id
    return None


def shared_state(module, rel):
    """Module-level containers that functions of the module mutate, each with a reset function if it has one."""
    tree = parse(rel)
    known = containers(tree, module, rel) if tree else {}
    mutated, resets = set(), {}
    for func in (n for n in tree.body if isinstance(n, ast.FunctionDef)) if known else ():
        for node in ast.walk(func):
            name = mutated_name(node)
            if name in known:
                mutated.add(name)
                if isinstance(node, ast.Call) and node.func.attr == "clear" and not func.args.args:  # type: ignore[attr-defined]
                    resets[name] = func.name
    return [dict(known[name], reset=resets.get(name)) for name in sorted(mutated)]


def main():
    tests = list(walk(is_test_name, SKIP_DIRS))
    report: dict[str, Any] = {"test_files": tests, "alone": {}, "together": None, "order_dependent": [], "state": [],
              "conftest": list(walk(lambda n: n == "conftest.py", SKIP_DIRS))}
    if tests:
        for test_file in tests:
            report["alone"][test_file] = pytest([test_file])
        report["together"] = pytest(tests)
        alone_failed = {t for r in report["alone"].values() for t in r["failed"]}
        report["order_dependent"] = [t for t in report["together"]["failed"] if t not in alone_failed]
    suspects = sorted({t.split("::")[0] for t in report["order_dependent"]}) or tests
    seen = set()
    for test_file in suspects:
        for module, rel in imported_modules(test_file):
            if rel not in seen:
                seen.add(rel)
                report["state"] += shared_state(module, rel)
    emit("isolation", report)

