"""Lengths the code compares its inputs with, and whether it normalises text: read from a view's source and the
module helpers it calls (the boundaries a good web test sits on)."""

import ast
import inspect
import itertools
import re

from .workspace import textwrap_dedent

MAX_LIMIT = 10000


def comparisons(view):
    """(left, operator, right, scope) for each pair of neighbouring operands the view compares (each side of
    `1 <= n <= 80`), in its own code and in the module functions it calls (up to six functions)."""
    if view is None:
        return
    func = inspect.unwrap(view)
    funcs = [func]
    names = getattr(func, "__globals__", {})
    for current in itertools.islice(funcs, 6):  # grows as helpers are found
        try:
            tree = ast.parse(textwrap_dedent(inspect.getsource(current)))
        except (OSError, TypeError, SyntaxError):
            continue
        scope = getattr(current, "__globals__", names)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = scope.get(node.func.id)
                if inspect.isfunction(helper) and helper not in funcs and helper.__module__ == current.__module__:
                    funcs.append(helper)
            if isinstance(node, ast.Compare):
                operands = itertools.pairwise([node.left, *node.comparators])
                for op, (left, right) in zip(node.ops, operands, strict=True):
                    yield left, op, right, scope


def code_limits(view):
    """Lengths the code compares inputs with (`len(title) > MAX_TITLE`, `len(password) < 8`), constants resolved
    through the module's globals."""
    limits = set()
    for left, _, right, scope in comparisons(view):
        if not is_len_call(left):
            left, right = right, left
        value = constant_int(right, scope) if is_len_call(left) else None
        if value is not None and 0 < value <= MAX_LIMIT:
            limits.add(value)
    return sorted(limits)


def number_limits(view):
    """Numbers the view compares a value with that is not a length (`price <= 0`, `1 <= count <= MAX_COUNT`)."""
    limits = set()
    for left, op, right, scope in comparisons(view):
        if not isinstance(op, ORDERING):
            continue
        for value, other in ((constant_int(left, scope), right), (constant_int(right, scope), left)):
            if value is not None and 0 <= value <= MAX_LIMIT and constant_int(other, scope) is None \
                    and not is_len_call(other):
                limits.add(value)
    return sorted(limits)


ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def is_len_call(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"


def constant_int(node, scope):
    """The int a literal, a module constant or a constant of an imported module (`config.MAX_TITLE`) holds."""
    if isinstance(node, ast.Constant):
        value = node.value
    elif isinstance(node, ast.Name):
        value = scope.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        value = getattr(scope.get(node.value.id), node.attr, None)
    else:
        value = None
    return value if type(value) is int else None


def normalises(view):
    """True when the view (or a module function it calls) strips or lower-cases text it reads."""
    func = inspect.unwrap(view) if view is not None else None
    try:
        module = inspect.getmodule(func) if func else None
        text = inspect.getsource(module) if module else ""
    except (OSError, TypeError):
        return False
    return bool(re.search(r"\.(strip|lower|casefold)\(\)", text))
