"""What the tests are about, read off the tree: targets checked against it, and the code the new tests reach.

`test_surface.targets` is what the model says is under test; the runtime keeps only the targets the tree holds
(a file, a module, a route some source declares, a function some source defines). Coverage and mutants are then
measured on the code under test as evidence shows it: the modules that declare the routes the new tests call
(a blueprint's file, not the factory that registers it) and the repo modules the new tests import.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from agent.testfiles import is_test_support
from agent.triage import list_repo_files

_SOURCE_SUFFIXES = {".py", ".js", ".mjs", ".cjs", ".ts", ".jsx", ".tsx", ".go"}
_READ_CAP = 256 * 1024
_METHODS = r"get|post|put|patch|delete|head|options|route|api_route|all|add_url_rule|websocket"
_DECLARED = re.compile(rf"""\.(?:{_METHODS}|Get|Post|Put|Patch|Delete|Handle|HandleFunc|GET|POST|PUT|PATCH|DELETE)
                           \(\s*(?:path\s*=\s*|rule\s*=\s*)?[rbuf]?["'`](/[^"'`]*|)["'`]""", re.X)
_PREFIX = re.compile(r"""\b(?:url_prefix|prefix)\s*=\s*[rbuf]?["'](/[^"']*)["']""")
"""A blueprint's or router's own prefix (`Blueprint(..., url_prefix="/api/notes")`): its routes sit under it."""
_CALLED = re.compile(r"""\.(?:get|post|put|patch|delete|head|options|request|open|fetch)\(\s*
                         (?:["'](?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)["']\s*,\s*)?
                         f?["'`](/[^"'`?#\s]*)""", re.X)
_ROUTE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)", re.I)
_APP_MADE = re.compile(r"\b(FastAPI|Flask|Starlette|express|Router|APIRouter|Blueprint)\(|\bdef create_app\b")
_PARAM = re.compile(r"^(\{[^}]*\}|<[^>]*>|:\w+|\$\{[^}]*\}|\*\w*)$")


def _segments(path: str) -> list[str]:
    return [s for s in path.strip("/").split("/") if s]


@dataclass(frozen=True)
class Route:
    """A route some source file declares (the path as written in that file, without any mount prefix)."""

    file: str
    path: str

    def reaches(self, url: str) -> int:
        """How many static segments of this route a called `url` matches at its end (0: no match)."""
        route, called = _segments(self.path), _segments(url)
        if not route:
            return 1 if not called else 0
        if len(called) < len(route):
            return 0
        score = 0
        for declared, seen in zip(route, called[len(called) - len(route):], strict=True):
            if _PARAM.match(declared) or _PARAM.match(seen):
                continue
            if declared != seen:
                return 0
            score += 1
        return score + (1 if len(called) == len(route) else 0)


class Tree:
    """The repo's source files, read once, with the routes they declare."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.files = [f for f in list_repo_files(repo) if PurePosixPath(f).suffix in _SOURCE_SUFFIXES]

    @cached_property
    def texts(self) -> dict[str, str]:
        out = {}
        for rel in self.files:
            try:
                with (self.repo / rel).open(encoding="utf-8", errors="replace") as fh:
                    out[rel] = fh.read(_READ_CAP)
            except OSError:
                continue
        return out

    @cached_property
    def sources(self) -> dict[str, str]:
        """The non-test source files."""
        return {rel: text for rel, text in self.texts.items() if not is_test_support(rel)}

    @cached_property
    def routes(self) -> list[Route]:
        out = []
        for rel, text in self.sources.items():
            prefixes = [p.rstrip("/") for p in _PREFIX.findall(text)] if PurePosixPath(rel).suffix == ".py" else []
            for m in _DECLARED.finditer(text):
                if m.group(1):
                    out.append(Route(rel, m.group(1)))
                out += [Route(rel, prefix + m.group(1)) for prefix in prefixes if prefix + m.group(1)]
        return out

    def route_files(self, url: str) -> list[str]:
        """The files declaring the route(s) that best match `url` (longest static match wins)."""
        scored = [(route.reaches(url), route.file) for route in self.routes]
        best = max((score for score, _ in scored), default=0)
        return sorted({file for score, file in scored if score == best and best > 0})

    def holds(self, target: str) -> bool:
        """Whether `target` (a path, module, route or function name) is something the tree holds."""
        text = target.strip().strip("`")
        route = _ROUTE.match(text)
        if route:
            path = route.group(2)
            if self.routes:
                return bool(self.route_files(path))
            statics = [s for s in _segments(path) if not _PARAM.match(s)]
            return not statics or any(statics[-1] in source for source in self.sources.values())
        path = re.split(r"::|:(?=\d)", text, maxsplit=1)[0].removeprefix("./").rstrip("/")
        if "/" in path or PurePosixPath(path).suffix in _SOURCE_SUFFIXES:
            return (self.repo / path).exists() and _is_within(self.repo / path, self.repo)
        if re.fullmatch(r"[A-Za-z_][\w.]*(\(\))?", text):
            name = text.removesuffix("()")
            if "." in name and self.module_file(name):
                return True
            last = name.rsplit(".", 1)[-1]
            pattern = re.compile(rf"\b(def|class|function|func|const|let|var)\s+{re.escape(last)}\b|"
                                 rf"\b{re.escape(last)}\s*[:=]")
            return any(pattern.search(source) for source in self.sources.values())
        return False

    def module_file(self, dotted: str) -> str | None:
        """The repo file of a dotted Python module (or of its parent, for `module.attr`)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            base = "/".join(parts[:end])
            for candidate in (f"{base}.py", f"{base}/__init__.py", f"src/{base}.py", f"src/{base}/__init__.py"):
                if candidate in self.texts:
                    return candidate
        return None


def validate_targets(repo: Path, targets: Sequence[str]) -> tuple[list[str], list[str]]:
    """The targets the tree holds, and the ones it does not."""
    tree = Tree(repo)
    kept: list[str] = []
    dropped: list[str] = []
    for target in targets:
        (kept if tree.holds(target) else dropped).append(target)
    return kept, dropped


def code_under_test(repo: Path, targets: Sequence[str], new_tests: Sequence[str]) -> list[str]:
    """Python files holding the code the new tests exercise, from evidence.

    The files declaring the routes the new tests call (and the routes the targets name), the repo modules the new
    tests import, and the Python files the targets name, except a file that only builds the app (a factory or
    an app object with no route of its own) when the routes live elsewhere.
    """
    tree = Tree(repo)
    urls = [m.group(1) for rel in new_tests for m in _CALLED.finditer(tree.texts.get(rel) or _read(repo, rel))]
    urls += [m.group(2) for t in targets if (m := _ROUTE.match(t.strip().strip("`")))]
    handlers = list(dict.fromkeys(f for url in urls for f in tree.route_files(url)))
    named = [t for t in (t.strip().strip("`").removeprefix("./") for t in targets)
             if t.endswith(".py") and t in tree.sources]
    if handlers:
        named = [f for f in named if f in handlers or not _only_builds_the_app(f, tree)]
    imported = [f for f in _imported_files(repo, tree, new_tests) if not (handlers and _only_builds_the_app(f, tree))]
    found = [f for f in dict.fromkeys([*handlers, *named, *imported]) if f.endswith(".py")]
    return found


def _only_builds_the_app(rel: str, tree: Tree) -> bool:
    text = tree.sources.get(rel, "")
    return bool(_APP_MADE.search(text)) and not any(r.file == rel for r in tree.routes) and not _has_logic(text)


def _has_logic(text: str) -> bool:
    """True when a Python module defines functions besides an app factory (helpers that tests could reach)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    return any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name != "create_app" and
               not n.name.startswith("_") for n in tree.body)


def _imported_files(repo: Path, tree: Tree, new_tests: Sequence[str]) -> list[str]:
    found: list[str] = []
    for rel in new_tests:
        if not rel.endswith(".py"):
            continue
        try:
            parsed = ast.parse(tree.texts.get(rel) or _read(repo, rel))
        except SyntaxError:
            continue
        for node in ast.walk(parsed):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module, *(f"{node.module}.{a.name}" for a in node.names)] \
                if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                path = tree.module_file(name)
                if path and path in tree.sources and path not in found:
                    found.append(path)
    return found


def _read(repo: Path, rel: str) -> str:
    try:
        return (repo / rel).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
