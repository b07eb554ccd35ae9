"""Lengths the code compares its inputs with, and whether it normalises text: read from a view's source and the
module helpers it calls (the boundaries a good web test sits on)."""

import ast
import contextlib
import datetime as dt
import inspect
import itertools
import re
import sys
import typing

from .workspace import textwrap_dedent

MAX_LIMIT = 10000


def comparisons(view, known=None):
    """(left, operator, right, scope) for each pair of neighbouring operands the view compares (each side of
    `1 <= n <= 80`), in its own code and in the module functions it calls (up to six functions)."""
    for tree, scope in function_trees(view, known=known):
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                operands = itertools.pairwise([node.left, *node.comparators])
                for op, (left, right) in zip(node.ops, operands, strict=True):
                    yield left, op, right, scope


def function_trees(view, most=6, wide=False, known=None):
    """(syntax tree, globals) of the view and of the module functions it calls, up to `most`. `wide` also takes
    functions of the view's other modules in its package and the classes it calls or annotates its parameters
    with (a pydantic model's validators, a marshmallow schema). `known` names values the view is handed (a
    settings object from a dependency) as globals."""
    if view is None:
        return
    func = inspect.unwrap(view)
    package = (getattr(func, "__module__", "") or "").split(".")[0]
    funcs = [func]
    if wide:
        with contextlib.suppress(TypeError, ValueError, NameError):
            funcs += [a for a in typing.get_type_hints(func).values() if inspect.isclass(a)]
    names = getattr(func, "__globals__", {})

    def ours(helper):
        module = getattr(helper, "__module__", "") or ""
        return module == func.__module__ or (wide and package and module.split(".")[0] == package)

    for current in itertools.islice(funcs, most):  # grows as helpers are found
        if inspect.isclass(current) and not ours(current):
            continue
        try:
            tree = ast.parse(textwrap_dedent(inspect.getsource(current)))
        except (OSError, TypeError, SyntaxError):
            continue
        module = sys.modules.get(getattr(current, "__module__", "") or "")
        scope = getattr(current, "__globals__", None) or (vars(module) if module else names)
        if inspect.isfunction(current) and current.__closure__:  # helpers a factory defines beside its views
            with contextlib.suppress(ValueError):
                scope = {**scope, **{name: value for name, value in inspect.getclosurevars(current).nonlocals.items()
                                     if inspect.isfunction(value)}}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = scope.get(node.func.id)
                if (inspect.isfunction(helper) or (wide and inspect.isclass(helper))) and helper not in funcs \
                        and ours(helper):
                    funcs.append(helper)
        yield tree, {**scope, **known} if known else scope


def field_pairs(view, config=None, known=None):
    """Pairs of inputs the code compares with each other (`if ends_at <= starts_at`, `early_price >= price`), with
    the span a difference of the two is held to (`ends_at - starts_at > timedelta(hours=12)`): [{"names": [a, b],
    "seconds" | "number": span}]. Names are those the code reads them by (attributes, keys, variables they were
    assigned to); `config` resolves `app.config["KEY"]`."""
    found: dict[frozenset, dict] = {}
    for tree, scope in function_trees(view, most=10, wide=True, known=known):
        assigned = assignments(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            operands = itertools.pairwise([node.left, *node.comparators])
            for op, (left, right) in zip(node.ops, operands, strict=True):
                if not isinstance(op, ORDERING):
                    continue
                for side, other in ((left, right), (right, left)):
                    for sub in ast.walk(side):
                        if isinstance(sub, ast.BinOp) and isinstance(sub.op, ast.Sub):
                            span = span_of(side, other, scope, config)
                            for a in reads(sub.right, assigned):
                                for b in reads(sub.left, assigned):
                                    if a != b:  # `later - earlier`: the names in that order, whatever came first
                                        found.setdefault(frozenset((a, b)), {}).update(span, names=[a, b])
                for a in reads(left, assigned):
                    for b in reads(right, assigned):
                        if a != b:
                            found.setdefault(frozenset((a, b)), {"names": [a, b]})
    return list(found.values())


def assignments(tree):
    """What each local variable is assigned from: {name: names its value reads} (one level, then resolved)."""
    out: dict[str, set] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            out.setdefault(node.targets[0].id, set()).update(reads(node.value, {}))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple) \
                and isinstance(node.value, ast.Tuple) and len(node.targets[0].elts) == len(node.value.elts):
            for target, value in zip(node.targets[0].elts, node.value.elts, strict=True):  # `a, b = x["a"], x["b"]`
                if isinstance(target, ast.Name):
                    out.setdefault(target.id, set()).update(reads(value, {}))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out.setdefault(node.target.id, set()).update(reads(node.value, {}))
    return out


def reads(node, assigned):
    """The names an expression reads: attributes (`payload.ends_at`), keys (`data["ends_at"]`,
    `data.get("ends_at")`), variables and what they were assigned from."""
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute):
            names.add(sub.attr)
        elif isinstance(sub, ast.Subscript) and isinstance(sub.slice, ast.Constant) and isinstance(
                sub.slice.value, str):
            names.add(sub.slice.value)
        elif isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and sub.func.attr == "get" and \
                sub.args and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str):
            names.add(sub.args[0].value)
        elif isinstance(sub, ast.Name):
            names.add(sub.id)
            names |= assigned.get(sub.id, set())
    return names


def span_of(side, other, scope, config):
    """The span `side` (holding a difference) is compared with: {"seconds": s} for a duration (a timedelta, or a
    number of days, seconds or hours of one), {"number": n} for a plain difference, {} when unknown."""
    if isinstance(other, ast.Call) and getattr(other.func, "id", getattr(other.func, "attr", "")) == "timedelta":
        units = {"weeks": 604800, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}
        total = 0.0
        for index, arg in enumerate(other.args[:3]):
            value = number_of(arg, scope, config)
            if value is None:
                return {}
            total += value * (86400, 1, 0.000001)[index]
        for keyword in other.keywords:
            value = number_of(keyword.value, scope, config)
            if value is None or keyword.arg not in units:
                return {}
            total += value * units[keyword.arg]
        return {"seconds": total} if total > 0 else {}
    held = held_value(other, scope)
    if isinstance(held, dt.timedelta):
        return {"seconds": held.total_seconds()}
    value = number_of(other, scope, config)
    if value is None or value <= 0:
        return {}
    attrs = {sub.attr for sub in ast.walk(side) if isinstance(sub, ast.Attribute)}
    divisors = [number_of(sub.right, scope, config) for sub in ast.walk(side)
                if isinstance(sub, ast.BinOp) and isinstance(sub.op, (ast.Div, ast.FloorDiv))]
    scale = 1.0
    for divisor in divisors:
        if divisor is None:
            return {}
        scale *= divisor
    if "days" in attrs:
        return {"seconds": value * 86400 * scale}
    if "total_seconds" in attrs or "seconds" in attrs:
        return {"seconds": value * scale}
    return {"number": value * scale} if not divisors else {}


def number_of(node, scope, config):
    """The number a literal, a constant (`MAX_HOURS`, `settings.max_hours`), an app setting
    (`current_app.config["MAX_HOURS"]`) or a product of those holds."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = number_of(node.left, scope, config), number_of(node.right, scope, config)
        return left * right if left is not None and right is not None else None
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and node.value.attr == "config" \
            and isinstance(node.slice, ast.Constant):
        value = (config or {}).get(node.slice.value)
        return value if type(value) in (int, float) else None
    value = held_value(node, scope)
    return value if type(value) in (int, float) else None


def code_limits(view, known=None):
    """Lengths the code compares inputs with (`len(title) > MAX_TITLE`, `len(password) < 8`), constants resolved
    through the module's globals."""
    limits = set()
    for left, _, right, scope in comparisons(view, known):
        if not is_len_call(left):
            left, right = right, left
        value = constant_int(right, scope) if is_len_call(left) else None
        if value is not None and 0 < value <= MAX_LIMIT:
            limits.add(value)
    return sorted(limits)


def number_limits(view, known=None):
    """Numbers the view compares a value with that is not a length (`price <= 0`, `1 <= count <= MAX_COUNT`)."""
    limits = set()
    for left, op, right, scope in comparisons(view, known):
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


def held_value(node, scope):
    """What a literal, a module constant or a constant of an imported module or object (`config.MAX_TITLE`,
    `settings.max_hours`) holds, else None."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        return scope.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return getattr(scope.get(node.value.id), node.attr, None)
    return None


def constant_int(node, scope):
    """The int a literal, a module constant or a constant of an imported module (`config.MAX_TITLE`) holds."""
    value = held_value(node, scope)
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
