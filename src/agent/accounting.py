"""Request accounting: every item the request names is matched to the kept tests that ran, or said untested.

Evidence per test is what the runner and the test file show, never what the model claims: the test's id and
name, and its body (the routes it calls, the functions it calls, the status codes and words it uses). A file
item is matched by the test file importing it (or being it).
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from agent.outcome import ItemCoverage, RequestCoverage, TestResult
from agent.request import RequestItem
from agent.targets import Route, Tree

_RAN = ("passed", "failed", "xfailed", "xpassed")
_CALL = re.compile(r"\.(get|post|put|patch|delete|head|options)\(\s*f?[\"'`](/[^\"'`?#\s]*)", re.I)
_JS_CASE = re.compile(r"\b(?:it|test)(?:\.\w+)?\s*\(\s*([\"'`])(.*?)\1", re.S)


@dataclass(frozen=True)
class Evidence:
    """What one test that ran shows about what it exercises."""

    test_id: str
    file: str
    body: str
    stems: frozenset[str]
    file_text: str


def stem(word: str) -> str:
    """A crude, deterministic stem: the first five letters (deposits ~ deposit, quantities ~ quantity)."""
    return word[:5]


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z][a-z0-9]*", text.lower()) if len(w) > 2)


def evidence(repo: Path, tests: Sequence[TestResult], files: Sequence[str]) -> list[Evidence]:
    """Evidence for the tests that ran (not skipped, not errored) from `files`."""
    texts: dict[str, str] = {}
    found = []
    for test in tests:
        path, _, rest = test.id.partition("::")
        if test.status not in _RAN or path not in files:
            continue
        if path not in texts:
            try:
                texts[path] = (repo / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                texts[path] = ""
        name = rest.split("::")[-1].split("[", 1)[0]
        body = _body(path, texts[path], name) or ""
        found.append(Evidence(test.id, path, body, _stems(f"{rest} {body}"), texts[path]))
    return found


def _body(path: str, text: str, name: str) -> str | None:
    if path.endswith(".py"):
        try:
            tree = ast.parse(text)
        except SyntaxError:
            return None
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
                return ast.get_source_segment(text, node)
        return None
    title = name.split(" > ")[-1]
    cases = list(_JS_CASE.finditer(text))
    for index, match in enumerate(cases):
        if match.group(2) == title:
            end = cases[index + 1].start() if index + 1 < len(cases) else len(text)
            return text[match.start():end]
    return None


def account(repo: Path, items: Sequence[RequestItem], proof: Sequence[Evidence]) -> RequestCoverage:
    """Each item with the tests that show it, or why none does."""
    tree = Tree(repo)
    out = []
    for item in items:
        tests = [e.test_id for e in proof if _shows(item, e)]
        out.append(ItemCoverage(item=item.text, kind=item.kind, tests=tests,
                                why=None if tests else _why_not(item, tree)))
    return RequestCoverage(items=out)


def _shows(item: RequestItem, e: Evidence) -> bool:
    if item.kind == "route" and item.path:
        return any((item.method is None or method.upper() == item.method)
                   and Route("", item.path).reaches(url) > 0 for method, url in _CALL.findall(e.body))
    if item.kind == "function":
        return bool(re.search(rf"\b{re.escape(item.text.rsplit('.', 1)[-1])}\s*\(", e.body))
    if item.kind == "file" and item.path:
        if e.file == item.path:
            return True
        module = PurePosixPath(item.path).with_suffix("").as_posix()
        dotted = re.escape(module.removeprefix("src/").replace("/", "."))
        stem_name = re.escape(PurePosixPath(item.path).stem)
        return bool(re.search(rf"^\s*(from\s+{dotted}\s+import|import\s+{dotted}\b)", e.file_text, re.M) or
                    re.search(rf"(require\(|from\s+|import\s+)[\"'][^\"']*\b{stem_name}(\.\w+)?[\"']", e.file_text))
    if item.status is not None and not re.search(rf"\b{item.status}\b", e.body):
        return False
    return _enough(item.keywords, e.stems, lenient=item.status is not None)


def _enough(keywords: Sequence[str], stems: frozenset[str], *, lenient: bool) -> bool:
    """All keywords when there are one or two (half, beside a status code), else two thirds of them."""
    wanted = [stem(w) for k in keywords for w in re.findall(r"[a-z0-9]+", k) if len(w) > 2]
    if not wanted:
        return True
    need = math.ceil(len(wanted) / 2) if lenient else len(wanted) if len(wanted) <= 2 else \
        math.ceil(len(wanted) * 2 / 3)
    return sum(w in stems for w in wanted) >= need


def _why_not(item: RequestItem, tree: Tree) -> str:
    if item.kind == "function" and not tree.holds(item.text):
        return "no function of that name is in the tree"
    if item.kind == "file" and item.path and not (tree.repo / item.path).exists():
        return "no such file in the tree"
    if item.kind == "route" and item.path and tree.routes and not tree.route_files(item.path):
        return "no route in the tree matches it"
    what = {"route": "calls it", "function": "calls it", "file": "imports it"}.get(item.kind, "shows it")
    return f"no kept test that ran {what} (matched by test name, body and status code)"
