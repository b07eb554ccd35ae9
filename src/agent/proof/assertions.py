"""Static scan of new tests for checks that prove nothing.

Python is read with `ast`; JavaScript/TypeScript with patterns (good enough for the shapes
that matter: missing `expect`, tautologies, swallowed errors, sleeps, real hosts).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_LOCAL_HOSTS = re.compile(r"^https?://(localhost|127\.\d+\.\d+\.\d+|\[::1\]|testserver|test|example\.(com|org))"
                          r"(:\d+)?(/|$)")
_NET_CALLERS = ("requests.", "httpx.", "urllib.request.", "urlopen", "aiohttp.", "socket.create_connection")
_ASSERT_CALL = re.compile(r"(^|\.)(assert\w*|expect|fail)$")


@dataclass(frozen=True)
class Finding:
    """One weak spot in a test file."""

    path: str
    line: int
    test: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.test}: {self.message}"


def scan_file(repo: Path, rel: str, target_modules: list[str]) -> list[Finding]:
    """Findings for one test file."""
    try:
        text = (repo / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if rel.endswith(".py"):
        return _scan_python(rel, text, target_modules)
    if PurePosixPath(rel).suffix in (".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx"):
        return _scan_js(rel, text)
    return []


def target_modules(targets: list[str]) -> list[str]:
    """Dotted module names for target files (`orders/app.py` -> `orders.app`, `src/x/y.py` -> `x.y`)."""
    modules = []
    for target in targets:
        if target.endswith(".py"):
            parts = target[:-3].split("/")
            if parts and parts[0] == "src":
                parts = parts[1:]
            modules.append(".".join(p for p in parts if p != "__init__"))
    return modules


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _scan_python(rel: str, text: str, modules: list[str]) -> list[Finding]:
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        return [Finding(rel, exc.lineno or 1, "(file)", f"does not parse: {exc.msg}")]
    findings: list[Finding] = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and func.name.startswith("test"):
            findings += _scan_test(rel, func, modules)
    return findings


def _scan_test(rel: str, func: ast.FunctionDef | ast.AsyncFunctionDef, modules: list[str]) -> list[Finding]:
    found: list[Finding] = []
    asserts = 0

    def add(node: ast.AST, message: str) -> None:
        found.append(Finding(rel, getattr(node, "lineno", func.lineno), func.name, message))

    raises_marks = [d for d in func.decorator_list if "raises" in _name(d) or ("xfail" in ast.unparse(d)
                    and "raises=" in ast.unparse(d))]
    for node in ast.walk(func):
        if isinstance(node, ast.Assert):
            asserts += 1
            test = node.test
            if isinstance(test, ast.Constant) and test.value:
                add(node, "asserts a constant (a tautology that cannot fail)")
            elif isinstance(test, ast.Compare) and len(test.comparators) == 1 and \
                    ast.dump(test.left) == ast.dump(test.comparators[0]):
                add(node, "compares an expression with itself (cannot fail)")
        elif isinstance(node, ast.Call):
            asserts += _is_assertion_call(node)
            for message in _call_problems(node, modules):
                add(node, message)
        elif isinstance(node, ast.ExceptHandler):
            broad = node.type is None or _name(node.type) in ("Exception", "BaseException")
            swallowed = all(isinstance(s, ast.Pass) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
                            for s in node.body)
            if broad and swallowed:
                add(node, "swallows every exception (a failure can never surface)")
    if asserts == 0 and not raises_marks:
        add(func, "has no assertion")
    return found


def _is_assertion_call(node: ast.Call) -> bool:
    name = _name(node.func)
    return bool(_ASSERT_CALL.search(name)) or name in ("pytest.raises", "pytest.warns", "raises")


def _call_problems(node: ast.Call, modules: list[str]) -> list[str]:
    """Sleeps, real hosts and mocks of the unit under test, in one call."""
    name, problems = _name(node.func), []
    first = node.args[0] if node.args else None
    if name in ("time.sleep", "sleep", "asyncio.sleep") and isinstance(first, ast.Constant) and first.value:
        problems.append(f"{name}({first.value!r}) used for synchronisation; wait on a condition or fake time")
    if any(name.startswith(c) or name.endswith(c) for c in _NET_CALLERS):
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("http") \
                    and not _LOCAL_HOSTS.match(arg.value):
                problems.append(f"calls a real host ({arg.value}); tests run without network: use a fake")
    if (name.endswith("patch") or name.endswith("setattr")) and isinstance(first, ast.Constant) \
            and isinstance(first.value, str) and first.value.rsplit(".", 1)[0] in modules:
        problems.append(f"mocks {first.value}, part of the unit under test; mock its collaborators")
    return problems


_JS_TEST = re.compile(r"^\s*(?:it|test)(?:\.\w+)?\(\s*['\"`](.+?)['\"`]", re.M)


def _scan_js(rel: str, text: str) -> list[Finding]:
    found: list[Finding] = []
    starts = [(m.start(), m.group(1)) for m in _JS_TEST.finditer(text)]
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        body = text[start:end]
        line = text.count("\n", 0, start) + 1
        if not re.search(r"\bexpect\(|\bassert\b|\.expect\(|toMatch|\.rejects|\.resolves", body):
            found.append(Finding(rel, line, name, "has no assertion"))
        if re.search(r"expect\((true|false|\d+|'[^']*'|\"[^\"]*\")\)\.(toBe|toEqual)\(\1\)", body):
            found.append(Finding(rel, line, name, "asserts a constant against itself (cannot fail)"))
        if re.search(r"catch\s*(\(\s*\w*\s*\))?\s*\{\s*\}", body):
            found.append(Finding(rel, line, name, "swallows every exception (a failure can never surface)"))
        if re.search(r"new Promise\(\s*\(?\w*\)?\s*=>\s*setTimeout|\bsleep\(\d", body):
            found.append(Finding(rel, line, name, "sleeps for synchronisation; wait on a condition or fake timers"))
        for url in re.findall(r"['\"`](https?://[^'\"`\s]+)", body):
            if not _LOCAL_HOSTS.match(url):
                found.append(Finding(rel, line, name, f"calls a real host ({url}); tests run without network"))
    return found
