"""Mutants of Python source: small, plausible bugs made by rewriting one AST node.

Each mutant is the whole file with one node's source span replaced, so the rest of the file
(comments, formatting) stays exactly as written and the line reported is the line changed.
Kinds: boundary and comparison flips, arithmetic and logic swaps, constant changes, first/last
index swaps, unwrapped normalisations (`abs(x)` -> `x`, `s.strip()` -> `s`), negated
and removed conditions (a removed guard that looks like an auth check is a permission-check
removal), returns replaced by None, dropped calls and raises, status-code changes (201 -> 200,
403 -> 200) and auth decorators or dependencies removed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}
_BOUNDARY = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
_ARITHMETIC: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Mult,
    ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult,
}
_AUTH = re.compile(r"auth|permission|perm\b|role|admin|owner|login|token|user|current_user|scope|allowed|forbid",
                   re.I)
_STATUS_KEYWORDS = ("status_code", "status", "code")
_STATUS_CALLS = ("abort", "HTTPException", "make_response", "Response", "JSONResponse")
_STATUS_NAME = re.compile(r"^(HTTP_\d{3}_\w+|[A-Z_]+)$")
_STATUS_ATTR = re.compile(r"^HTTP_(\d{3})_")


@dataclass(frozen=True)
class Mutant:
    """One changed copy of a source file."""

    path: str
    """Repo-relative path of the mutated file."""
    line: int
    kind: str
    change: str
    """`before` -> `after`, as source text."""
    source: str
    """The whole mutated file."""
    lines: tuple[int, int]
    """First and last line whose execution reaches the change (for picking the tests that cover it)."""
    module_level: bool
    """True when the change runs at import (module or class body, decorators, defaults): every test reaches it."""
    scope: tuple[str, ...] = ()
    """Qualified names of the functions around the change, outermost first (`create_app`,
    `create_app.<locals>.current_user`): swapping their code objects applies the mutant without a re-import."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.change}"


def mutants_of(path: str, source: str) -> list[Mutant]:
    """Every mutant of `source` this engine knows how to make, in file order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    _Parents().visit(tree)
    raw = source.encode("utf-8")
    starts = [0]
    for line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    found: list[Mutant] = []
    seen: set[str] = set()
    for node, replacement, kind in _candidates(tree):
        start = starts[node.lineno - 1] + node.col_offset  # col offsets are UTF-8 byte offsets
        end = starts[(node.end_lineno or node.lineno) - 1] + (node.end_col_offset or 0)
        before = raw[start:end].decode("utf-8")
        if replacement == before:
            continue
        mutated = (raw[:start] + replacement.encode("utf-8") + raw[end:]).decode("utf-8")
        if mutated in seen:
            continue
        try:
            ast.parse(mutated)
        except SyntaxError:
            continue
        seen.add(mutated)
        statement = _statement(node)
        first = min(node.lineno, statement.lineno)
        found.append(Mutant(path, node.lineno, kind, f"`{_short(before)}` -> `{_short(replacement)}`", mutated,
                            (first, max(first, _header_end(statement), node.end_lineno or node.lineno)),
                            _function_of(node) is None or _in_signature_or_decorator(node), _scope(node)))
    return found


def select(mutants: list[Mutant], limit: int) -> list[Mutant]:
    """At most `limit` mutants, spread over kinds and files: one of each kind in turn, each kind in file order."""
    by_kind: dict[str, list[Mutant]] = {}
    for mutant in mutants:
        by_kind.setdefault(mutant.kind, []).append(mutant)
    queues = [list(q) for q in by_kind.values()]
    picked: list[Mutant] = []
    while len(picked) < limit and any(queues):
        for queue in queues:
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return sorted(picked, key=lambda m: (m.path, m.line, m.kind))


class _Parents(ast.NodeVisitor):
    def generic_visit(self, node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
        super().generic_visit(node)


def _parent(node: ast.AST) -> ast.AST | None:
    return getattr(node, "parent", None)


def _candidates(tree: ast.Module) -> Iterator[tuple[ast.expr | ast.stmt, str, str]]:
    for node in ast.walk(tree):
        if not _skipped(node):
            yield from _expression(node)
            yield from _statement_mutants(node)


def _expression(node: ast.AST) -> Iterator[tuple[ast.expr | ast.stmt, str, str]]:
    if isinstance(node, ast.Compare):
        yield from _compare(node)
    elif isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC and not _stringy(node):
        yield node, _paren(ast.BinOp(node.left, _ARITHMETIC[type(node.op)](), node.right)), "arithmetic"
    elif isinstance(node, ast.BoolOp):
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield node, _paren(ast.BoolOp(other, node.values)), "logic"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield node, _paren(node.operand), "negation removed"
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and node.operand.value == 1 and isinstance(_parent(node), ast.Subscript) \
            and getattr(_parent(node), "slice", None) is node:
        yield node, "0", "index"
    elif isinstance(node, ast.Constant):
        yield from _constant(node)
    elif isinstance(node, ast.Attribute):
        yield from _status_attribute(node)
    elif isinstance(node, ast.Name) and node.id in _ROUNDING:
        yield from _rounding(node)
    elif isinstance(node, ast.Call) and _call_name(node) in ("Depends", "Security") and node.args \
            and _AUTH.search(ast.unparse(node.args[0])):
        yield node, f"{_call_name(node)}(lambda: None)", "permission check removed"
    elif isinstance(node, ast.Call) and not node.keywords:
        yield from _unwrapped(node)


def _statement_mutants(node: ast.AST) -> Iterator[tuple[ast.expr | ast.stmt, str, str]]:
    if isinstance(node, ast.AugAssign) and type(node.op) in _ARITHMETIC and not _stringy(node.value):
        yield node, ast.unparse(ast.AugAssign(node.target, _ARITHMETIC[type(node.op)](), node.value)), "arithmetic"
    elif isinstance(node, ast.If | ast.While | ast.IfExp):
        yield from _condition(node)
    elif isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
        yield node, "return None", "return value"
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call | ast.Await):
        yield node, "pass", "statement dropped"
    elif isinstance(node, ast.Raise):
        yield node, "pass", "raise dropped"
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        yield from _auth_decorators(node)


def _skipped(node: ast.AST) -> bool:
    """Docstrings, imports, annotations, f-string internals and `__main__` blocks are never mutated."""
    parent = _parent(node)
    while parent is not None:
        if isinstance(parent, ast.JoinedStr | ast.Import | ast.ImportFrom):
            return True
        if isinstance(parent, ast.AnnAssign) and node is parent.annotation:
            return True
        if isinstance(parent, ast.arg) or (isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef)
                                           and node is parent.returns):
            return True
        if isinstance(parent, ast.If) and "__name__" in ast.unparse(parent.test):
            return True
        node, parent = parent, _parent(parent)
    return False


def _compare(node: ast.Compare) -> Iterator[tuple[ast.expr, str, str]]:
    for index, op in enumerate(node.ops):
        swapped = _COMPARE.get(type(op))
        if swapped is None:
            continue
        ops = list(node.ops)
        ops[index] = swapped()
        kind = "boundary" if isinstance(op, _BOUNDARY) else "comparison"
        yield node, _paren(ast.Compare(node.left, ops, node.comparators)), kind


_UNWRAP_FUNCTIONS = ("abs", "round")
_UNWRAP_METHODS = ("strip", "lstrip", "rstrip", "lower", "upper", "casefold")


def _unwrapped(node: ast.Call) -> Iterator[tuple[ast.expr, str, str]]:
    """`abs(x)` -> `x`, `name.strip()` -> `name`: a normalisation the code forgot."""
    func = node.func
    if isinstance(func, ast.Name) and func.id in _UNWRAP_FUNCTIONS and len(node.args) == 1:
        yield node, _paren(node.args[0]), "call removed"
    elif isinstance(func, ast.Name) and func.id in ("min", "max") and len(node.args) == 2 \
            and not any(isinstance(a, ast.Starred) for a in node.args):
        for arg in node.args:  # `min(discount, subtotal)` -> `discount`: a cap the code forgot
            yield node, _paren(arg), "bound removed"
    elif isinstance(func, ast.Attribute) and func.attr in _UNWRAP_METHODS and not node.args:
        yield node, _paren(func.value), "call removed"


def _constant(node: ast.Constant) -> Iterator[tuple[ast.expr, str, str]]:
    value = node.value
    parent = _parent(node)
    if isinstance(parent, ast.Subscript) and node is parent.slice and value in (0, -1) \
            and not isinstance(value, bool):
        yield node, "-1" if value == 0 else "0", "index"
        return
    if isinstance(value, bool):
        yield node, str(not value), "constant"
    elif isinstance(value, int) and not isinstance(parent, ast.Slice | ast.Subscript):
        if 100 <= value <= 599 and _status_context(node):
            yield node, "500" if value == 200 else "200", "status code"
        else:
            yield node, str(value + 1), "constant"
    elif isinstance(value, float):
        yield node, repr(value + 1.0), "constant"


def _status_context(node: ast.Constant) -> bool:
    parent = _parent(node)
    if isinstance(parent, ast.keyword):
        return parent.arg in _STATUS_KEYWORDS
    if isinstance(parent, ast.Tuple):
        return isinstance(_parent(parent), ast.Return)
    if isinstance(parent, ast.Call):
        return _call_name(parent) in _STATUS_CALLS
    if isinstance(parent, ast.Compare):
        return "status" in ast.unparse(parent)
    return False


_ROUNDING = {"ROUND_HALF_UP": "ROUND_HALF_EVEN", "ROUND_HALF_EVEN": "ROUND_HALF_UP", "ROUND_HALF_DOWN": "ROUND_HALF_UP",
             "ROUND_UP": "ROUND_DOWN", "ROUND_DOWN": "ROUND_UP", "ROUND_CEILING": "ROUND_FLOOR",
             "ROUND_FLOOR": "ROUND_CEILING"}
"""`decimal` rounding modes and the one a slip most often puts in their place."""


def _rounding(node: ast.Name | ast.Attribute) -> Iterator[tuple[ast.expr, str, str]]:
    """`ROUND_HALF_UP` -> `ROUND_HALF_EVEN` (and the other modes): money rounded the wrong way."""
    name = node.id if isinstance(node, ast.Name) else node.attr
    if name in _ROUNDING and isinstance(node.ctx, ast.Load):
        # decimal's modes are their own names as strings, so the mode needs no import where only one was imported
        replacement = f"{ast.unparse(node.value)}.{_ROUNDING[name]}" if isinstance(node, ast.Attribute) else \
            repr(_ROUNDING[name])
        yield node, replacement, "rounding"


def _status_attribute(node: ast.Attribute) -> Iterator[tuple[ast.expr, str, str]]:
    yield from _rounding(node)
    match = _STATUS_ATTR.match(node.attr)
    if match and isinstance(node.ctx, ast.Load):
        target = "HTTP_500_INTERNAL_SERVER_ERROR" if match.group(1) == "200" else "HTTP_200_OK"
        yield node, f"{ast.unparse(node.value)}.{target}", "status code"


def _condition(node: ast.If | ast.While | ast.IfExp) -> Iterator[tuple[ast.expr, str, str]]:
    test = node.test
    # `a == b` flipped to `a != b`, or `not x` to `x`, is already this negation: no duplicate mutant.
    flipped = isinstance(test, ast.Compare) and len(test.ops) == 1 and not isinstance(test.ops[0], _BOUNDARY) \
        and type(test.ops[0]) in _COMPARE
    if not flipped and not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        yield test, f"not ({ast.unparse(test)})", "condition negated"
    if isinstance(node, ast.If) and not node.orelse and _is_guard(node.body):
        kind = "permission check removed" if _AUTH.search(ast.unparse(test)) else "guard removed"
        yield test, "False", kind


def _is_guard(body: list[ast.stmt]) -> bool:
    last = body[-1]
    if isinstance(last, ast.Raise | ast.Return | ast.Continue | ast.Break):
        return True
    return isinstance(last, ast.Expr) and isinstance(last.value, ast.Call) and _call_name(last.value) == "abort"


def _auth_decorators(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[ast.expr, str, str]]:
    for decorator in node.decorator_list:
        name = _call_name(decorator) if isinstance(decorator, ast.Call) else ast.unparse(decorator)
        if _AUTH.search(name.rsplit(".", 1)[-1]):
            yield decorator, "(lambda f: f)", "permission check removed"


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _stringy(node: ast.expr) -> bool:
    return any(isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant) and isinstance(n.value, str | bytes))
               for n in ast.walk(node))


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _paren(node: ast.expr) -> str:
    return f"({ast.unparse(node)})"


def _statement(node: ast.AST) -> ast.stmt:
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        current = _parent(current)
    return current if isinstance(current, ast.stmt) else ast.Pass(lineno=1, col_offset=0)


def _header_end(statement: ast.stmt) -> int:
    """Last line of a statement's own code: the header for compound statements, the whole span otherwise."""
    body = getattr(statement, "body", None)
    if isinstance(body, list) and body and isinstance(body[0], ast.stmt):
        return max(statement.lineno, body[0].lineno - 1)
    return statement.end_lineno or statement.lineno


def _scope(node: ast.AST) -> tuple[str, ...]:
    """Qualified names of the enclosing defs, outermost first, as `co_qualname` spells them."""
    chain: list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda] = []
    parent = _parent(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            chain.append(parent)
        parent = _parent(parent)
    names: list[str] = []
    qualname = ""
    for item in reversed(chain):
        if isinstance(item, ast.Lambda):
            break  # code inside a lambda is rebuilt from the enclosing function's code
        qualname = f"{qualname}.{item.name}" if qualname else item.name
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            names.append(qualname)
            qualname += ".<locals>"
    return tuple(names)


def _function_of(node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None:
    parent = _parent(node)
    while parent is not None:
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return parent
        parent = _parent(parent)
    return None


def _in_signature_or_decorator(node: ast.AST) -> bool:
    """Decorators and argument defaults run when the `def` runs, at import, not when the function is called."""
    child, parent = node, _parent(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            if child in parent.decorator_list if not isinstance(parent, ast.Lambda) else False:
                return _function_of(parent) is None
            if child is parent.args:
                return _function_of(parent) is None
            return False
        child, parent = parent, _parent(parent)
    return False


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 80 else flat[:77] + "..."
