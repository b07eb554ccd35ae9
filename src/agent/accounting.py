"""Request accounting: every item the request names is matched to the kept tests that ran, or said untested.

Evidence per test is what the runner and the test file show, never what the model claims: the test's id and
name, and its body (the routes it calls, the functions it calls, the status codes and words it uses). A file
item is matched by the test file importing it (or being it). A function or route item is also shown by a test
that killed a mutant inside that function or route handler (the mutation probe's `killed_by`): the test reached
that code *and* noticed when it changed, even through layers its body does not name.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from agent.outcome import ItemCoverage, RequestCoverage, TestResult
from agent.request import RequestItem
from agent.targets import Route, Tree

_RAN = ("passed", "failed", "xfailed", "xpassed")
_CALL = re.compile(r"\.(get|post|put|patch|delete|head|options)\(\s*f?[\"'`](/[^\"'`?#\s]*)", re.I)
_NEW_REQUEST = re.compile(r"NewRequest(?:WithContext)?\(\s*(?:ctx\s*,\s*)?(?:\"([A-Z]+)\"|http\.Method(\w+))\s*,"
                          r"\s*\"(?:https?://[^/\"]*)?(/[^\"?#\s]*)")
"""Go's `httptest.NewRequest("POST", "/tasks", ...)` / `http.NewRequest(http.MethodPost, url + "/tasks", ...)`."""
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
    """A crude, deterministic stem: a plural or verb ending off, then the first five letters (deposits ~ deposit,
    quantities ~ quantity, signing ~ sign, paginated ~ pages)."""
    word = word.removesuffix("s")
    for suffix, keep in (("ation", "at"), ("ated", "at"), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    word = word[:5]
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # logging ~ log, shipped ~ ship (and add ~ ad on both sides)
    return _SAME_STEM.get(word, word)


_SAME_STEM = {"pagin": "page", "pagen": "page"}
"""Stems that name the same thing in tests and requests (pagination is about pages)."""


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in re.findall(r"[a-z][a-z0-9]*", text.lower()) if len(w) > 2)


_METHOD_WORDS = {
    "POST": "create add write make new open submit post place",
    "GET": "read get show view see list fetch find look",
    "PUT": "edit update change modify rename replace",
    "PATCH": "edit update change modify rename",
    "DELETE": "delete remove drop destroy",
}
_METHOD_STEMS = {method: _stems(words) for method, words in _METHOD_WORDS.items()}
"""What a request calls a test's HTTP call: "adding notes" is shown by a test that POSTs to /notes."""


def _call_stems(body: str) -> frozenset[str]:
    return frozenset().union(*(_METHOD_STEMS.get(method.upper(), frozenset()) for method, _ in _calls(body)))


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
        found.append(Evidence(test.id, path, body, _stems(f"{rest} {body}") | _call_stems(body), texts[path]))
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
    if path.endswith(".go"):  # `func TestName(t *testing.T) {` up to the next top-level func
        start = re.search(rf"^func {re.escape(name.split('/')[0])}\(", text, re.M)
        if start is None:
            return None
        after = re.search(r"^func ", text[start.end():], re.M)
        return text[start.start():start.end() + after.start()] if after else text[start.start():]
    title = name.split(" > ")[-1]
    cases = list(_JS_CASE.finditer(text))
    for index, match in enumerate(cases):
        if match.group(2) == title:
            end = cases[index + 1].start() if index + 1 < len(cases) else len(text)
            return text[match.start():end]
    return None


Kills = dict[str, list[tuple[int, str]]]
"""file -> (line, test id) of each mutant a test killed."""


def kills_of(mutants: Sequence[dict[str, Any]]) -> Kills:
    """Where each killed mutant was (file, line) and the test that killed it, from the probe's verdicts."""
    out: Kills = {}
    for mutant in mutants:
        where = re.match(r"(.+?):(\d+): ", str(mutant.get("mutant", "")))
        if mutant.get("status") == "killed" and mutant.get("killed_by") and where:
            out.setdefault(where.group(1), []).append((int(where.group(2)), str(mutant["killed_by"])))
    return out


def account(repo: Path, items: Sequence[RequestItem], proof: Sequence[Evidence], kills: Kills | None = None
            ) -> RequestCoverage:
    """Each item with the tests that show it (by their body, or by a mutant they killed in it), or why none does."""
    tree = Tree(repo)
    ran = {e.test_id for e in proof}
    out = []
    for item in items:
        tests = [e.test_id for e in proof if _shows(item, e)]
        tests += sorted({test for test in _killers(item, tree, kills or {}) if test in ran} - set(tests))
        out.append(ItemCoverage(item=item.text, kind=item.kind, tests=tests,
                                why=None if tests else _why_not(item, tree)))
    return RequestCoverage(items=out)


def _killers(item: RequestItem, tree: Tree, kills: Kills) -> set[str]:
    """The tests that killed a mutant inside the function or route handler `item` names."""
    if item.kind not in ("function", "route") or not kills:
        return set()
    found: set[str] = set()
    for rel, killed in kills.items():
        for start, end in _spans(item, tree.texts.get(rel, "")):
            found |= {test for line, test in killed if start <= line <= end}
    return found


def _spans(item: RequestItem, text: str) -> list[tuple[int, int]]:
    """Line spans of the Python functions in `text` that `item` names: by name, or by the route they handle."""
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    name = item.text.removesuffix("()").rsplit(".", 1)[-1]
    spans = []
    for node in ast.walk(module):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if (item.kind == "function" and node.name == name) or (item.kind == "route" and _handles(node, item)):
            spans.append((node.lineno, node.end_lineno or node.lineno))
    return spans


def _handles(node: ast.FunctionDef | ast.AsyncFunctionDef, item: RequestItem) -> bool:
    """Whether a decorator of `node` declares the route `item` names (`@app.post("/items/")`, `@bp.route(...)`)."""
    for decorator in node.decorator_list:
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute) and decorator.args):
            continue
        path = decorator.args[0]
        verb = decorator.func.attr.upper()
        if not (isinstance(path, ast.Constant) and isinstance(path.value, str) and item.path):
            continue
        methods = {verb} if verb != "ROUTE" else _methods(decorator)
        if (item.method is None or item.method in methods) and _same_route(path.value, item.path):
            return True
    return False


def _methods(decorator: ast.Call) -> set[str]:
    for keyword in decorator.keywords:
        if keyword.arg == "methods" and isinstance(keyword.value, ast.List | ast.Tuple):
            return {str(e.value).upper() for e in keyword.value.elts if isinstance(e, ast.Constant)}
    return {"GET"}


def _same_route(declared: str, named: str) -> bool:
    """`/<name>/deposits` (as declared, maybe under a prefix) is what `/accounts/{name}/deposits` names."""
    return Route("", declared).reaches(named) > 0


def _shows(item: RequestItem, e: Evidence) -> bool:
    if item.kind == "route" and item.path:
        return any((item.method is None or method.upper() == item.method)
                   and Route("", item.path).reaches(url) > 0 for method, url in _calls(e.body))
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


def _calls(body: str) -> list[tuple[str, str]]:
    """(method, path) of each request a test body makes, in the test clients' and Go's spellings."""
    go = [((quoted or named).upper(), path) for quoted, named, path in _NEW_REQUEST.findall(body)]
    return [*_CALL.findall(body), *go]


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
    killed = ", or a mutant it killed" if item.kind in ("function", "route") else ""
    return f"no kept test that ran {what} (matched by test name, body and status code{killed})"
