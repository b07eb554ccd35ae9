"""Mutation-guided exploration of a plain module: runs INSIDE the sandbox, in the repo's interpreter.

The probe hands over the classes and functions it can call. This module makes many candidate scenarios (objects
built with varied arguments, random method sequences, function calls at the boundaries the code compares against),
then keeps the few that notice a change: it makes the project's mutants of the module (small, plausible bugs), loads
each as a fresh module object beside the real one, replays the candidates on it, and keeps a candidate when its
observations differ from the original's. Candidates are tried in a fixed order, kept ones first, so the result is a
small suite where each test kills at least one mutant the others miss. Everything is seeded: the same code gives the
same tests.

Standard library only; `mutants_of` is the runtime's own mutant maker, bundled beside this module (see
`agent.offline.bundle`).
"""

from __future__ import annotations

import ast
import collections.abc
import contextlib
import copy
import dataclasses
import datetime as dt
import enum
import functools
import importlib
import inspect
import json
import math
import os
import random
import re
import select
import signal
import sys
import textwrap
import time
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from .functions import DOUBLES
from .objects import FakeClock


def mutants_of(rel: str, source: str) -> list[Any]:
    """The runtime's own mutants of `source` (`agent.proof.mutants`, bundled beside this module)."""
    return list(importlib.import_module(f"{__package__}.mutants").mutants_of(rel, source))

SEED = 20261129
MAX_STEPS = 8
CANDIDATES = 300
KEEP_PER_TARGET = 40
REPLAY_TIMEOUT_S = 0.5
RETRIES = 3
"""Tries at a step of a scenario that the object refused, before the refusal itself is the step."""
INDEX_NAMES = ("index", "idx", "position", "pos", "i")
CLOCK_HINTS = ("clock", "time", "now", "timer")
CALLABLE_NAME = re.compile(r"(fn|func|function|callback|callable|handler|operation|task|action|sleep|sleeper|"
                           r"on_\w+)$")
"""Untyped parameters whose name says they take a function."""
ANY_NAMES = {"Any", "Hashable", "object", "KT", "VT", "K", "V", "T"}
"""Annotations that take a value of any plain kind (a cache key, a stored value)."""
MAX_SET = 24
"""A set with more values than this is not pinned (its literal would drown the test)."""
PROTOCOL = ("__len__", "__contains__", "__iter__", "__getitem__", "__setitem__", "__delitem__", "__lt__", "__eq__")
"""The container and ordering methods a test calls through Python's syntax (`len(obj)`, `key in obj`, `obj[key]`,
`obj < other`)."""
PLURAL = re.compile(r"(?!(?:args|kwargs|options|settings|params|headers|status|series|news|bytes|kwds)$)"
                    r"[a-z_]*[a-z](?<![sui])s")
"""An untyped parameter named as a plural (`versions`, `items`) takes a list."""
NUMERIC_NAME = re.compile(r"time|stamp|_at$|^at$|expir|epoch|count|number|^n$|_id$|^id$|port|year|age")


class Timeout(Exception):
    """A replay ran past its time limit (a mutant that loops)."""


# ---------------------------------------------------------------- values from the code


def code_constants(tree: ast.AST, module: types.ModuleType) -> dict[str, Any]:
    """Numbers and lengths the module compares against: the boundaries a good test sits on."""
    numbers: set[Any] = set()
    lengths: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        has_len = any(isinstance(s, ast.Call) and getattr(s.func, "id", "") == "len" for s in sides)
        for side in sides:
            value = _literal(side, module)
            if value is None:
                continue
            (lengths if has_len and isinstance(value, int) else numbers).add(value)
    for node in getattr(tree, "body", []):  # the module's named constants (`WEEK = 7 * DAY`)
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
            for target in node.targets:
                constant: Any = getattr(module, target.id, None)  # type: ignore[attr-defined]
                if type(constant) in (int, float, Decimal) and abs(constant) < 10**9:
                    numbers.add(constant)
    texts = code_texts(tree)
    for node in getattr(tree, "body", []):  # words the module knows (`NAMES = ("jan", ..., "dec")`): ends first
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets) \
                and isinstance(node.value, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            items = node.value.keys if isinstance(node.value, ast.Dict) else node.value.elts
            words = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
                     and 0 < len(i.value) <= 20]
            texts["literals"] += list(dict.fromkeys([*words[:2], *words[-1:]]))
    here = {t.id for node in getattr(tree, "body", []) if isinstance(node, ast.Assign) for t in node.targets
            if isinstance(t, ast.Name)}
    package = module.__name__.split(".")[0]
    siblings = {getattr(v, "__module__", None) for v in vars(module).values() if callable(v)} - {module.__name__}
    tables = [(n, v) for n, v in vars(module).items() if n not in here]  # a table it imports, or one a function
    for name in sorted(m for m in siblings if isinstance(m, str) and m.split(".")[0] == package):  # it calls reads
        tables += list(vars(sys.modules.get(name) or types.ModuleType(name)).items())
    for name, value in tables:  # (`MINOR_UNITS = {"JPY": 0, "USD": 2, "KWD": 3}` in `currencies`)
        if name.isupper() and isinstance(value, (dict, list, tuple, set, frozenset)):
            words = [w for w in value if isinstance(w, str) and 0 < len(w) <= 20]
            texts["literals"] += list(dict.fromkeys([*words[:2], *words[-1:]]))
    return {"numbers": numbers, "lengths": {n for n in lengths if 0 < n <= 1000}, **texts}


def code_texts(tree: ast.AST) -> dict[str, Any]:
    """Text the module shows: the examples its docstrings quote (`"Crème" -> "creme"`, `from_text("4/7")`),
    first, then the short literals its code works with (a separator, a marker, a prefix; not its messages)."""
    examples: list[str] = []
    literals: list[str] = []
    documented = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                documented.add(doc)
                examples += re.findall(r'"([^"\n]{1,60})"', doc) + re.findall(r"'([^'\n]{1,60})'", doc)
                examples += value_tokens(re.sub(r'"[^"\n]*"|\'[^\'\n]*\'', " ", doc))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in documented \
                and 0 < len(node.value) <= 30 and not re.fullmatch(r"[A-Za-z_][\w.]*", node.value) \
                and len(node.value.split()) <= 1:
            literals.append(node.value)  # not a plain name nor a message: `"-"`, `"{{"`, `"..."`, `"v1="`
    return {"examples": list(dict.fromkeys(examples))[:16], "literals": list(dict.fromkeys(literals))[:10]}


def value_tokens(text: str) -> list[str]:
    """Values written into prose: anything in backticks or quotes (`"3 x 4 mm"`), and unquoted `v4.7-beta`, `>=4`,
    `10:30`, `2030-01-31` (a token with a digit and a sign or a letter, not a plain number or a word)."""
    quoted = r"`([^`\n]{1,60})`|\"([^\"\n]{1,60})\"|(?<!\w)'([^'\n]{1,60})'(?!\w)"
    found = [next(g for g in m.groups() if g is not None) for m in re.finditer(quoted, text)]
    for token in re.sub(quoted, " ", text).split():
        token = token.strip("()[]{},;:!?\"'").rstrip(".")
        if 1 < len(token) <= 40 and re.search(r"\d", token) and re.search(r"[^\d]", token) and \
                not re.fullmatch(r"[-+]?\d+([.,]\d+)?%?", token) and not re.search(r"https?:|/{2}|\\", token):
            found.append(token)
    return found


def neighbours(text: str) -> list[str]:
    """Values next to an example: each of its numbers one up (and the last one at 10, which sorts differently as
    text), the first at zero and with a leading zero, and the example cut before each `-`, `+`, `.` or space
    (`4.7-b+x` -> `4.7-b`, `4.7`)."""
    numbers = list(re.finditer(r"\d+", text))
    out = [text[:m.start()] + str(int(m.group()) + 1).zfill(len(m.group())) + text[m.end():] for m in numbers[:4]]
    if numbers:
        first, last = numbers[0], numbers[-1]
        out.append(text[:last.start()] + "10" + text[last.end():])
        out.append(text[:first.start()] + "0" + text[first.end():])  # the first number at zero
        out.append(text[:first.start()] + "0" + text[first.start():])  # a leading zero
    out += [text[:m.start()] for m in re.finditer(r"[-+ .]", text)
            if m.start() > 0 and re.search(r"\d", text[:m.start()])][::-1]
    return list(dict.fromkeys(o for o in out if o != text))[:10]


def _literal(node: ast.expr, module: types.ModuleType) -> Any:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand, module)
        return -inner if inner is not None else None
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Decimal" and len(node.args) == 1:
        arg = node.args[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, (int, str)):
            with contextlib.suppress(Exception):
                return Decimal(arg.value)
    if isinstance(node, ast.Name) and node.id.isupper():
        value = getattr(module, node.id, None)
        if type(value) in (int, float, Decimal):
            return value
    return None


def pools(constants: dict[str, Any]) -> dict[str, list[Any]]:
    """Candidate values per kind: typical ones first, then each boundary and its neighbours."""
    numbers = sorted(constants["numbers"], key=lambda v: (float(v), str(v)))
    ints = [2, 0, 1, -1, 100]
    floats = [2.5, 0.0, 1.0, -1.0, 100.0, 0.5]
    decimals = [Decimal("2.345"), Decimal("0"), Decimal("1"), Decimal("-1"), Decimal("100"), Decimal("0.01")]
    for value in numbers:
        for near in (value, value - 1, value + 1):
            ints.append(int(near))
            floats.append(float(near))
            decimals.append(Decimal(str(near)))
        if isinstance(value, Decimal) and value.as_tuple().exponent != 0:
            step = Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]
            decimals += [value - step, value + step]
    examples = constants.get("examples", [])
    strings = [*examples, "abc", "xyz", "", "  abc  ", "ABC", "2", "   ", *constants.get("literals", [])]
    for n in sorted(constants["lengths"]):
        strings += ["a" * n, "a" * (n + 1), "a" * max(n - 1, 0)]
    strings += [str(int(v)) for v in numbers if float(v) == int(v)]
    fractions = [Fraction(1, 2), Fraction(0), Fraction(1), Fraction(-1), Fraction(3, 2), Fraction(2, 3),
                 Fraction(100)] + [Fraction(str(v)) for v in numbers[:12]]
    return {"int": _unique(ints), "float": _unique(floats), "Decimal": _unique(decimals),
            "Fraction": _unique(fractions),
            "str": _unique(strings), "bool": [True, False], "bytes": [b"abc", b"", b'{"a": 1}'],
            "any": [*examples[:40], "a", "b", "c", 1, 2, None, "d", 2.5], "callable": list(DOUBLES),
            "date": [*DAYS, DAYS[0] - dt.timedelta(days=7), DAYS[0] + dt.timedelta(days=14)],
            "datetime": [dt.datetime.combine(d, dt.time(10, 0)) for d in DAYS] + [dt.datetime(2030, 1, 1, 0, 0)],
            "timedelta": [dt.timedelta(hours=1), dt.timedelta(0), dt.timedelta(days=1), dt.timedelta(seconds=90),
                          dt.timedelta(days=-1), dt.timedelta(minutes=30)]}


DAYS = [dt.date(2030, 1, 2) + dt.timedelta(days=n) for n in range(7)]
"""One week from a Wednesday: every weekday, the weekend, the turn of the week."""


def _unique(values: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for value in values:
        if not any(type(value) is type(s) and value == s and str(value) == str(s) for s in seen):
            seen.append(value)
    return seen


# ---------------------------------------------------------------- what a candidate is


MANY = re.compile(r"^(?:list|List|set|Set|frozenset|Iterable|Sequence|Collection|tuple)\[(\w+)(?:,\s*\.\.\.)?\]$")
"""A collection of one plain kind (`Iterable[date]`, `list[int]`): its values come from that kind's pool."""

MAPPING = re.compile(r"^(?:dict|Dict|Mapping|MutableMapping)\[str,\s*(\w+)\]$")
"""Text keys to values of one plain kind (`dict[str, int]`)."""

OBJECT_KINDS = (re.compile(r"^(\w+)$"), MAPPING,
                re.compile(r"^(?:list|List|Sequence|tuple\[\w+,\s*\.\.\.\])\[?(\w+)\]$"))


def object_kind(annotation: Any, module: types.ModuleType | None) -> str | None:
    """`obj:Name`, `dict:Name` or `list:Name` when the annotation is a class of `module` (or a str-keyed dict or a
    list of them) that exploration can build from its own typed arguments."""
    if module is None or annotation is inspect.Parameter.empty:
        return None
    text = re.sub(r"[\w.]*\.(\w+)", r"\1", annotation if isinstance(annotation, str) else annotation.__name__
                  if isinstance(annotation, type) else str(annotation))
    text = text.replace("typing.", "").strip()
    for prefix, pattern in zip(("obj", "dict", "list"), OBJECT_KINDS, strict=True):
        match = pattern.match(text)
        if match and inspect.isclass(getattr(module, match.group(1), None)) and \
                getattr(module, match.group(1)).__module__.split(".")[0] == module.__name__.split(".")[0] and \
                not issubclass(getattr(module, match.group(1)), BaseException):
            return f"{prefix}:{match.group(1)}"
    return None


def own_enums(module: types.ModuleType) -> dict[str, type[enum.Enum]]:
    """The enumerations of the module's package that it can name (its own, and those it imports), by name."""
    top = module.__name__.split(".")[0]
    return {name: value for name, value in vars(module).items() if inspect.isclass(value) and
            issubclass(value, enum.Enum) and value.__module__.split(".")[0] == top and list(value)}


KEYED = re.compile(r"^(?:dict|Dict|Mapping|MutableMapping)\[(\w+),\s*(\w+)\]$")


def enum_keyed(annotation: Any, module: types.ModuleType | None) -> str | None:
    """`keyed:Coin:int` for a mapping from the package's enumeration to a plain kind (`Mapping[Coin, int]`, also
    optional), else None."""
    if module is None or annotation is inspect.Parameter.empty:
        return None
    text = annotation if isinstance(annotation, str) else str(annotation)
    text = re.sub(r"[\w.]*\.(\w+)", r"\1", text).replace("typing.", "").replace(" ", "")
    text = re.sub(r"^Optional\[(.*)\]$", r"\1", text)
    text = re.sub(r"\|None$|^None\|", "", text)
    match = KEYED.match(text)
    if not match or match.group(1) not in own_enums(module):
        return None
    value = kind_of(match.group(2))
    return f"keyed:{match.group(1)}:{value}" if value in ("int", "float", "str", "bool", "Decimal") else None


def kind_of(annotation: Any, default: Any = inspect.Parameter.empty,
            module: types.ModuleType | None = None) -> str | None:
    """The plain kind of a parameter from its annotation (first usable member of a union) or its default; a class
    of `module` (or a dict or list of them) gives an object kind."""
    names = {"int": "int", "float": "float", "str": "str", "bool": "bool", "Decimal": "Decimal", "bytes": "bytes",
             "Fraction": "Fraction",
             "date": "date", "datetime": "datetime", "timedelta": "timedelta"}
    keyed = enum_keyed(annotation, module)
    if keyed:
        return keyed
    # `str` for a plain class, the whole text for `int | timedelta`, `Optional[int]` or `Callable[[], float]`
    spelled = annotation if isinstance(annotation, str) else annotation.__name__ if isinstance(
        annotation, type) else str(annotation)
    origin = typing.get_origin(annotation)
    if origin is tuple:  # `tuple[int, int, int]` (an RGB, a point): one plain value per place
        parts = typing.get_args(annotation)
        places = [kind_of(p, module=module) for p in parts]
        if 0 < len(parts) <= 4 and all(k in ("int", "float", "str", "bool", "Decimal", "Fraction") for k in places):
            return "tuple:" + ",".join(str(k) for k in places)
    inside = origin is typing.Union or origin is types.UnionType or (
        isinstance(origin, type) and origin not in (tuple, type) and issubclass(origin, collections.abc.Iterable))
    built = object_kind(annotation, module) or (next(  # `Union[Span, tuple[int, int]]`: the class
        (k for k in (kind_of(m, module=module) for m in getattr(annotation, "__args__", ()) or ())
         if k and k[:4] in ("obj:", "list")), None) if inside else None)
    if built and built.startswith("obj:") and isinstance(origin, type) and origin is not tuple and \
            issubclass(origin, collections.abc.Iterable):
        return "list:" + built[4:]  # `Iterable[Span]`: a list of them
    if built:
        return built
    if annotation is not inspect.Parameter.empty and "Callable" in spelled:  # before its `float` argument
        return "callable"
    if annotation is not inspect.Parameter.empty and (isinstance(annotation, TypeVar) or spelled.strip().rsplit(
            ".", 1)[-1] in ANY_NAMES):
        return "any"
    bare = re.sub(r"[\w.]*\.(\w+)", r"\1", spelled).replace("typing.", "").strip()  # `list[int]`, no module path
    mapping = MAPPING.match(bare)
    if annotation is not inspect.Parameter.empty and mapping and mapping.group(1) in names:
        return f"map:{names[mapping.group(1)]}"  # `dict[str, int]`: names to numbers
    if annotation is not inspect.Parameter.empty and mapping and mapping.group(1) in ANY_NAMES:
        return "document"  # `Mapping[str, Any]`: keys to values of any kind, nested
    many = MANY.match(bare)
    if annotation is not inspect.Parameter.empty and many and many.group(1) in names:
        return f"many:{names[many.group(1)]}"
    if annotation is not inspect.Parameter.empty:
        members = [names[p] for p in (part.strip().rsplit(".", 1)[-1] for part in spelled.replace(
            "Optional[", "").replace("]", "").split("|")) if p in names]
        if len(set(members)) > 1:  # `int | timedelta`: either kind
            return "either:" + ",".join(dict.fromkeys(members))
        if members:
            return members[0]
        for member in getattr(annotation, "__args__", ()) or ():
            kind = kind_of(member, module=module)
            if kind:
                return kind
        return None
    if default is not inspect.Parameter.empty and type(default).__name__ in names:
        return names[type(default).__name__]
    if default is inspect.Parameter.empty:  # an untyped parameter: keys and values of any plain kind
        return "any"
    return None


def resolved_signature(func: Any) -> inspect.Signature:
    """`func`'s signature with its annotations evaluated where they can be (`from __future__ import annotations`
    leaves them as text; an alias such as `Number = int | float` then reads as what it stands for)."""
    try:
        return inspect.signature(func, eval_str=True)
    except Exception:  # a name only imported under TYPE_CHECKING, a forward reference: keep the text
        return inspect.signature(func)


DOCUMENT_NAME = re.compile(r"(json_?)?(document|doc|payload|tree)|source|target")
"""An untyped parameter named for a document takes JSON: objects, arrays and plain values nested."""
DOCUMENTS: list[Any] = [{"a": 1, "b": [1, 2], "c": {"d": "x"}}, {"a": 1}, [1, 2, 3], {}, {"a": {"b": [1, {"c": 2}]}},
                        {"a": None, "b": True}, "x", 1]
MAPPINGS = [d for d in DOCUMENTS if isinstance(d, dict)]
SHAPES: list[dict[str, Any]] = []
"""Shapes of untyped parameters read from the code that uses them (`shape:<index>` kinds): {"keys": {key: values
or None}} for a mapping, {"items": shape} for a list of them."""


def parsed(func: Any) -> tuple[ast.AST, dict[str, Any]] | None:
    """The AST of a function of the repo (a class: its `__init__`) and the names its code sees, or None."""
    target = func.__init__ if inspect.isclass(func) else func
    try:
        source = inspect.getsource(target)
        return ast.parse(textwrap.dedent(source)), getattr(target, "__globals__", {})
    except (OSError, TypeError, SyntaxError):
        return None


def choices(node: ast.AST, names: dict[str, Any]) -> list[Any]:
    """The plain values an expression lists (`("add", "remove")`, a module constant tuple, set or dict's keys)."""
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant)]
    if isinstance(node, ast.Name) and isinstance(names.get(node.id), (tuple, list, set, frozenset, dict)):
        return [v for v in names[node.id] if isinstance(v, (str, int))][:12]
    return [node.value] if isinstance(node, ast.Constant) and node.value is not None else []


def param_shape(func: Any, name: str, depth: int = 0) -> dict[str, Any] | None:
    """The shape the code of `func` gives its untyped parameter `name`: the keys it reads (`raw["op"]`,
    `raw.get("path")`, `"value" in raw`) with the values it compares them with (`op not in OPS`), or a list whose
    items have a shape (`for raw in operations`); followed into the repo's functions and classes it is handed to.
    None when the code does neither."""
    found = parsed(func) if depth < 5 else None
    return shape_in(*found, name, depth) if found is not None else None


def shape_in(tree: ast.AST, names: dict[str, Any], name: str, depth: int) -> dict[str, Any] | None:
    """The shape the code in `tree` gives the value it calls `name` (see `param_shape`)."""
    keys: dict[str, list[Any]] = {}
    aliases: dict[str, str] = {}  # `op = raw.get("op")`: a name for a key's value
    items: str | None = None  # the name each item of the list is bound to
    nested: list[tuple[Any, str, str]] = []  # (callable, its parameter, what it is given): `name` or an item

    def key_of(node: ast.AST) -> str | None:
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == name and \
                isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            return node.slice.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and \
                isinstance(node.func.value, ast.Name) and node.func.value.id == name and node.args and \
                isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            return node.args[0].value
        if isinstance(node, ast.Name) and node.id in aliases:
            return aliases[node.id]
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            key = key_of(node.value)
            if key is not None:
                aliases[node.targets[0].id] = key
        if isinstance(node, (ast.For, ast.comprehension)):
            source = node.iter
            if isinstance(source, ast.Call) and getattr(source.func, "id", "") == "enumerate" and source.args:
                source = source.args[0]
            target = node.target.elts[-1] if isinstance(node.target, ast.Tuple) else node.target
            if isinstance(source, ast.Name) and source.id == name and isinstance(target, ast.Name):
                items = target.id
    prefixes: list[str] = []
    for node in ast.walk(tree):
        key = key_of(node)
        if key is not None:
            keys.setdefault(key, [])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == name and node.args:
            prefixes += [v for v in choices(node.args[0], names) if isinstance(v, str) and v]  # `.startswith("/")`
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = node.left, node.comparators[0]
            if isinstance(node.ops[0], (ast.In, ast.NotIn)) and isinstance(left, ast.Constant) and \
                    isinstance(left.value, str) and isinstance(right, ast.Name) and right.id == name:
                keys.setdefault(left.value, [])  # `"path" in raw`
            compared = key_of(left)
            if compared is not None and isinstance(node.ops[0], (ast.In, ast.NotIn, ast.Eq, ast.NotEq)):
                keys.setdefault(compared, [])
                keys[compared] += [v for v in choices(right, names) if v not in keys[compared]]
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            callee = names.get(node.func.id)
            if (inspect.isfunction(callee) or inspect.isclass(callee)) and getattr(
                    callee, "__module__", "").split(".")[0] == str(names.get("__name__", "")).split(".")[0]:
                try:
                    params = list(inspect.signature(callee).parameters)
                except (TypeError, ValueError):
                    params = []
                for index, arg in enumerate(node.args[:len(params)]):
                    given = arg.id if isinstance(arg, ast.Name) and arg.id in (name, items) else \
                        "key:" + key if (key := key_of(arg)) is not None else None
                    if given is not None:  # `Patch(operations)`, `Operation(raw, i)`, `JsonPointer(raw["path"])`
                        nested.append((callee, params[index], given))
    shape: dict[str, Any] | None = {"keys": {k: v or None for k, v in keys.items()}} if keys else None
    if prefixes and shape is None:  # a text that must start with something: a few such texts, and an empty one
        shape = {"texts": [*(p + w for p in dict.fromkeys(prefixes) for w in ("a", "0", "1", "-", "a" + p + "0")),
                           prefixes[0], ""]}
    item_shape = None
    for callee, param, given in nested:
        inner = param_shape(callee, param, depth + 1)
        if inner is None:
            continue
        if given == items:
            item_shape = item_shape or inner
        elif given.startswith("key:") and shape is not None and "texts" in inner:
            shape["keys"][given[4:]] = shape["keys"].get(given[4:]) or inner["texts"]
        elif shape is None:
            shape = inner
    if items is not None and shape is None:  # items read here (`edit["op"]`) or handed on (`Operation(raw)`)
        item_shape = item_shape or (shape_in(tree, names, items, depth + 1) if depth < 5 else None)
        return {"items": item_shape} if item_shape else None
    return shape


@functools.cache
def documented():
    from .examples import documented_calls  # examples run in forked children, as exploration does
    try:
        return documented_calls()
    except Exception:
        return {}


def compared_values(func: Any, names: list[str]) -> dict[str, list[Any]]:
    """{parameter: values} `func` checks a parameter against (`if freq not in FREQUENCIES`, `mode in ("a", "b")`),
    also after it rebinds it (`freq = str(freq).lower()`): the values it accepts."""
    found = parsed(func)
    if found is None:
        return {}
    tree, scope = found
    out: dict[str, list[Any]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id in names and \
                len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            for value in choices(node.comparators[0], scope):
                if value not in out.setdefault(node.left.id, []):
                    out[node.left.id].append(value)
    return out


def documented_values(func: Any, names: list[str]) -> dict[str, list[Any]]:
    """{parameter: values} the examples pass `func` (a class: its constructor), by keyword or by position, then
    the values its code checks the parameter against."""
    from .examples import MISSING

    out: dict[str, list[Any]] = {}
    for args, kwargs in documented().get(getattr(func, "__name__", ""), []):
        given = dict(zip(names[1:] if inspect.isclass(func) or names[:1] == ["self"] else names, args,
                         strict=False))
        for name, value in {**given, **kwargs}.items():
            if value is not MISSING and name in names and value not in out.setdefault(name, []):
                out[name].append(value)
    for name, values in compared_values(func, names).items():
        out.setdefault(name, []).extend(v for v in values if v not in out[name])
    return out


class Signature:
    """The parameters of one callable that exploration can fill: (name, kind, required)."""

    def __init__(self, func: Any, skip_first: bool = False, module: types.ModuleType | None = None) -> None:
        self.params: list[tuple[str, str, bool]] = []
        self.optional: set[str] = set()
        """Parameters that also take None."""
        self.clock: str | None = None
        self.usable = True
        try:
            params = list(resolved_signature(func).parameters.values())
        except (TypeError, ValueError):
            self.usable = False
            return
        for param in params[1:] if skip_first else params:
            if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
                continue
            required = param.default is inspect.Parameter.empty
            kind = kind_of(param.annotation, param.default, module)
            if kind and kind != "callable" and (param.default is None or "None" in str(param.annotation)):
                self.optional.add(param.name)
            hinted = any(h in param.name.lower() for h in CLOCK_HINTS)
            if (kind == "callable" and hinted) or (kind is None and hinted and callable(param.default)):
                self.clock = param.name  # `clock: Callable[[], float]`, `clock=time.monotonic`
                continue
            if kind in (None, "any") and CALLABLE_NAME.match(param.name.lower()):
                kind = "callable"  # `fn`, `callback`, `sleep`: a function it calls
            elif kind == "any" and param.annotation is inspect.Parameter.empty and \
                    (shape := param_shape(func, param.name) or (
                        {"json": True} if DOCUMENT_NAME.fullmatch(param.name.lower()) else None)) is not None:
                SHAPES.append(shape)  # an untyped parameter the code reads as a mapping of keys, or a list of them
                kind = f"shape:{len(SHAPES) - 1}"
            elif kind == "any" and required and param.annotation is inspect.Parameter.empty and \
                    PLURAL.fullmatch(param.name.lower()):
                kind = "many:any"  # an untyped `versions`, `items`: a list of them
            if kind is None:
                if required:
                    self.usable = False
                continue
            self.params.append((param.name, kind, required))
        self.documented = documented_values(func, [p.name for p in params])
        """Per parameter: the values the project's examples pass it (`Poll("lunch", options=("pizza", "soup"))`)."""


class Explorer:
    """Candidates for the classes and functions of one module, and the mutants that select among them."""

    def __init__(self, module: types.ModuleType, rel: str, source: str, deadline: float) -> None:
        self.module = module
        self.rel = rel
        self.source = source
        self.deadline = deadline
        tree = ast.parse(source)
        self.tree = tree
        self.answering = {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef,
                          ast.AsyncFunctionDef)) and any(isinstance(r, ast.Return) and r.value is not None and not (
                              isinstance(r.value, ast.Constant) and r.value.value is None) for r in ast.walk(node))}
        """Functions and methods (by name) with a `return` of a value: their None is an answer worth pinning."""
        constants = code_constants(tree, module)
        asked = value_tokens(os.environ.get("ASSAY_PROBE_REQUEST", ""))  # "sizes such as 4kb or 2mb"
        examples = list(dict.fromkeys([*asked, *constants["examples"]]))[:24]
        near = [(n, e) for e in examples for n in neighbours(e)]
        self.origin = {n: e for n, e in near if n not in examples}
        """Each neighbour and the example it was made from."""
        constants["examples"] = list(dict.fromkeys([*examples, *(n for n, _ in near)]))[:48]
        self.examples = set(constants["examples"])
        self.constants = sorted(constants["numbers"], key=float)
        self.pools = pools(constants)
        self.random = random.Random(SEED)
        self.made: list[tuple[dict[str, Any], Any]] = []
        """(arguments, result) of the module's functions that make strings or bytes (signatures, tokens)."""
        self.named: dict[str, list[str]] = {}
        """Per class of the module: the module's own named objects of it (`HOURS = Field("hour", 0, 23)`)."""
        for const, value in vars(module).items():
            cls = type(value)
            if const.isupper() and getattr(module, cls.__name__, None) is cls and cls.__module__ == module.__name__:
                self.named.setdefault(cls.__name__, []).append(const)
        self.enums = own_enums(module)
        for name, members in self.enums.items():  # `Coin.DIME`: an enumeration is only ever one of its members
            self.named[name] = [f"{name}.{member.name}" for member in members]
        self.readers: dict[str, list[str]] = {}
        """Per class (by name): its methods that only read the object, called to read its state back."""
        self.texts: dict[str, list[str]] = {}
        """Per text parameter (by name): whole texts a parser took that no single pool value passed (`compose`)."""
        self.signatures: dict[tuple[int, bool], Signature] = {}
        self.factories: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        """Per class of the module: (function, arguments) calls that made one of its objects (`from_text("4/7")`,
        `Money.of("2.50")`): other ways to start a scenario than the constructor."""
        self.inits: dict[str, list[dict[str, Any]]] = {}
        """Per class of the module: constructor arguments it took (`Money("12.50", "USD")`), found by trying, so
        most scenarios start from an object the class builds rather than from the one a `zero()` makes."""

    # -------------------------------------------------------------- building candidates

    def value(self, name: str, kind: str, first: bool = False, depth: int = 0) -> Any:
        if kind.startswith("shape:"):
            return self.shaped(name, SHAPES[int(kind[6:])], first)
        if kind.startswith("either:"):
            members = kind[7:].split(",")
            return self.value(name, members[0] if first else self.random.choice(members), first, depth)
        if kind == "document":
            return copy.deepcopy(MAPPINGS[0] if first else self.random.choice(MAPPINGS))
        if kind.startswith("map:"):  # a few of the usual keys, each with a value of the kind
            keys = self.pools["str"][:3]
            count = 1 if first else self.random.choice([0, 1, 2, 2, 3])
            return {key: self.value(name, kind[4:], first) for key in keys[:count]}
        if kind.startswith("keyed:"):  # a few members of the enumeration, each with a value of the kind
            _, enum_name, plain_kind = kind.split(":")
            members = self.named.get(enum_name, [])
            count = 1 if first else self.random.choice([0, 1, 2, 2, 3])
            chosen = members[:count] if first else self.random.sample(members, min(count, len(members)))
            return Keyed([(Built(m, None), self.value(name, plain_kind, first)) for m in chosen])
        if first and kind.startswith("many:"):
            return []
        if kind.startswith("many:"):
            return [self.value(name, kind[5:]) for _ in range(self.random.choice([0, 1, 1, 2]))]
        if kind.startswith("tuple:"):
            return tuple(self.value(name, place, first, depth) for place in kind[6:].split(","))
        if ":" in kind:
            return self.built(kind, first, depth)
        if kind == "str" and name in self.texts:
            composed = self.texts[name]
            return composed[0] if first or self.random.random() < 0.3 else self.random.choice(composed)
        pool = self.pools[kind]
        if first:
            return 0 if kind == "int" and name.lower() in INDEX_NAMES else pool[0]
        if kind == "str" and NUMERIC_NAME.search(name.lower()):  # a timestamp or a count sent as text
            numeric = [v for v in pool if v.lstrip("-").isdigit()]
            if numeric and self.random.random() < 0.8:
                return self.random.choice(numeric)
        if kind in ("str", "any") and self.random.random() < 0.6:
            # mostly the same few keys, so calls meet the same state
            return pool[self.random.randrange(2 if kind == "str" else 3)]
        return self.random.choice(pool)

    def shaped(self, name: str, shape: dict[str, Any], first: bool) -> Any:
        """A value of a shape read from the code: a dict of its keys (each with one of the values the code compares
        it with, else a plain one), or a list of one or two such."""
        if "items" in shape:
            count = 1 if first else self.random.choice([0, 1, 1, 2, 3])
            return [self.shaped(name, shape["items"], first) for _ in range(count)]
        if "texts" in shape:
            return shape["texts"][0] if first else self.random.choice(shape["texts"])
        if "json" in shape:
            return DOCUMENTS[0] if first else copy.deepcopy(self.random.choice(DOCUMENTS))
        out = {}
        for key, values in shape["keys"].items():
            if not first and self.random.random() < 0.15:
                continue  # now and then a key left out
            out[key] = values[0] if values and first else self.random.choice(values) if values else \
                self.value(key, "any", first)
        return out

    def built(self, kind: str, first: bool, depth: int) -> Any:
        """A recipe for an object of the module's own class (its typed arguments chosen like any others), or a
        str-keyed dict or a list of two; None past two levels of nesting."""
        shape, name = kind.split(":", 1)
        if depth > 2:
            return None

        def one() -> Built:
            named = self.named.get(name)
            if named and (first or name in self.enums or self.random.random() < 0.7):  # `MONTH`, one the module
                # itself set up
                return Built(named[0] if first else self.random.choice(named), None)
            cls = getattr(self.module, name)
            sig = self.signature(cls)
            drawn = {key: self.value(key, k, first, depth + 1) for key, k, required in sig.params if required}
            taken = self.inits.get(name)
            if taken and (first or self.random.random() < 0.7) and not self.builds(cls, drawn):
                drawn = copy.deepcopy(taken[0] if first else self.random.choice(taken))  # mostly an object the
                # class takes, so the step gets past the constructor's refusal
            return Built(name, drawn)

        if shape == "obj":
            return one()
        if shape == "dict":
            return {key: one() for key in self.pools["str"][:2]}
        return [one(), one()]

    def signature(self, func: Any, skip_first: bool = False) -> Signature:
        """`func`'s Signature, read once (objects are built over and over; untyped parameters' shapes are read
        from source)."""
        key = (id(func), skip_first)  # the module's own objects, alive as long as it is
        if key not in self.signatures:
            self.signatures[key] = Signature(func, skip_first, self.module)
        return self.signatures[key]

    def arguments(self, sig: Signature, vary: float) -> dict[str, Any]:
        args: dict[str, Any] = {}
        for name, kind, required in sig.params:
            if required:
                args[name] = self.value(name, kind, first=self.random.random() >= vary)
                if name in sig.optional and self.random.random() < vary / 6:
                    args[name] = None
            elif self.random.random() < vary / 2:
                args[name] = self.value(name, kind, first=self.random.random() < 0.2)
            if sig.documented.get(name) and (name in args or self.random.random() < 0.5) and \
                    self.random.random() < 0.6:  # mostly what the docs pass, so calls meet the documented state
                args[name] = self.random.choice(sig.documented[name])
        named = [v for v in args.values() if isinstance(v, list) and v and all(isinstance(i, str) for i in v)]
        for name, kind, _required in sig.params:  # `balances(members, paid: dict[str, int])`: the members' names
            if kind.startswith("map:") and isinstance(args.get(name), dict) and named:
                keys = [k for k in named[0] if self.random.random() < 0.8]
                args[name] = {key: self.value(name, kind[4:]) for key in keys}
        return args

    def apart(self, sig: Signature, args: dict[str, Any]) -> dict[str, Any]:
        """`args` with a later number of the same kind as an earlier one set to another positive value (and the
        same in maps), so that a test of `paid - spent` tells it from `spent - paid`."""
        seen: dict[str, list[Any]] = {}
        for name, kind, _required in sig.params:
            plain = kind[4:] if kind.startswith("map:") else kind
            if plain not in ("int", "float", "Decimal") or name not in args:
                continue
            others = [v for v in self.pools[plain] if v > 0 and v not in seen.get(plain, [])]
            if kind.startswith("map:") and isinstance(args[name], dict):
                if seen.get(plain) and others:
                    args[name] = {key: others[0] for key in args[name]}
                seen.setdefault(plain, []).extend(args[name].values())
            elif isinstance(args[name], (int, float, Decimal)) and not isinstance(args[name], bool):
                if seen.get(plain) and args[name] in seen[plain] and others:
                    args[name] = others[0]
                seen.setdefault(plain, []).append(args[name])
        return args

    def feed(self, value: Any) -> None:
        """A value the code itself produced (a signature, a token, a total) becomes an input for the next calls."""
        kind = {str: "str", int: "int", float: "float", Decimal: "Decimal", Fraction: "Fraction",
                bytes: "bytes"}.get(type(value))
        if kind is None or (kind == "str" and len(value) > 200):
            return
        pool = self.pools[kind]
        variants = [value]
        if kind == "str" and value.strip():  # the same text doubled, shouted, padded, with a fraction
            variants += [value + value, value.upper(), f" {value} ", re.sub(r"\d+", r"\g<0>.5", value, count=1)]
        for variant in variants:
            if len(pool) < 80 and not any(type(v) is type(variant) and v == variant for v in pool):
                pool.append(variant)

    def class_candidates(self, cls: type, count: int, focus: set[str] | None = None) -> list[dict[str, Any]]:
        ctor = self.signature(cls)
        if not ctor.usable:
            return []
        methods = []
        for name, member in vars(cls).items():
            if (name.startswith("_") and name not in PROTOCOL) or not inspect.isfunction(member):
                continue
            if name in ("__lt__", "__eq__") and not self.written_here(member):
                continue  # an ordering the class writes itself, not a dataclass's generated one
            sig = self.signature(member, skip_first=True)
            if sig.usable and sig.clock is None:
                methods.append((name, sig))
        adders = self.adders(cls.__name__)
        methods += [m for m in methods if m[0] in adders] * 2  # state is built up before it is read
        base: dict[str, Any] = {"init": self.arguments(ctor, 0.0), "steps": []}
        out = [base]
        factories = self.factories.get(cls.__name__, [])
        texts = [(f, made) for f, made in factories if len(made) == 1 and isinstance(next(iter(made.values())), str)]
        ordered = self.written_here(vars(cls).get("__lt__"))
        for _ in range(4 if ordered and len(texts) >= 3 else 0):  # the order of the values the class takes
            chosen = self.random.sample(texts, min(len(texts), 8))
            (factory, init), rest = chosen[0], chosen[1:]
            out.append({"init": dict(init), "factory": factory, "steps": [
                {"method": "__sorted__", "args": {"others": [Built(f, dict(made)) for f, made in rest]}}]})
        for index in range(count):
            if budget_clock() > self.deadline:
                break
            if factories and index % 2:  # half of them start from what the module's own maker made
                factory, init = self.random.choice(factories)
                out.append({"init": dict(init), "factory": factory,
                            "steps": self.walk(cls, ctor, init, methods, focus, factory)})
                continue
            taken = self.inits.get(cls.__name__) or []
            init = copy.deepcopy(self.random.choice(taken)) if taken and self.random.random() < 0.6 else \
                self.arguments(ctor, 1.0) if index % 3 else dict(base["init"])
            out.append({"init": init, "steps": self.walk(cls, ctor, init, methods, focus)})
        for candidate in out:
            candidate["clock"] = ctor.clock
        return out

    def written_here(self, member: Any) -> bool:
        """Whether `member` is a function written in the explored module (not one a decorator generated)."""
        return getattr(getattr(member, "__code__", None), "co_filename", None) == getattr(self.module, "__file__", "")

    def adders(self, name: str) -> set[str]:
        """Methods of class `name` that store one of their arguments in the object (`self.items[key] = value`,
        `self.items.append(item)`, `self.total += amount`)."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if not (isinstance(node, ast.ClassDef) and node.name == name):
                continue
            for method in node.body:
                if not isinstance(method, ast.FunctionDef):
                    continue
                params = {a.arg for a in method.args.args[1:]}
                for inner in ast.walk(method):
                    stored = None
                    if isinstance(inner, (ast.Assign, ast.AugAssign)):
                        targets = inner.targets if isinstance(inner, ast.Assign) else [inner.target]
                        if any(_on_self(t) for t in targets):
                            stored = inner.value
                    elif isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute) and \
                            _on_self(inner.func.value) and inner.func.attr in STORING:
                        stored = inner
                    if stored is not None and any(isinstance(n, ast.Name) and n.id in params
                                                  for n in ast.walk(stored)):
                        found.add(method.name)
        return found

    def reader_methods(self, name: str) -> list[str]:
        """The public methods of class `name` that take nothing and only read the object (`stock()`, `total()`):
        called after a scenario's steps, they show the state the steps left."""
        if name in self.readers:
            return self.readers[name]
        node = next((n for n in ast.walk(self.tree) if isinstance(n, ast.ClassDef) and n.name == name), None)
        methods = {m.name: m for m in (node.body if node else []) if isinstance(m, ast.FunctionDef)}
        pure = {m for m, f in methods.items() if reads_only(f)}
        for _ in range(len(methods)):  # one that calls another method of its own reads only when that one does
            pure = {m for m in pure if all(c in pure or c not in methods for c in self_calls(methods[m]))}
        self.readers[name] = [m for m, f in methods.items() if m in pure and not m.startswith("_") and
                              len(f.args.args) == 1 and not f.args.kwonlyargs and not f.args.vararg and
                              not f.decorator_list]
        return self.readers[name]

    def walk(self, cls: type, ctor: Signature, init: dict[str, Any], methods: list[tuple[str, Signature]],
             focus: set[str] | None = None, factory: str | None = None) -> list[dict[str, Any]]:
        """A random sequence of calls, run live on a real object so numeric arguments can come from what the
        object holds right then (paying exactly what is due, one more than what is left)."""
        clock = FakeClock()
        try:
            with time_limit(REPLAY_TIMEOUT_S):
                obj = made_by(self.module, factory, materialize(init, self.module)) if factory else \
                    cls(**materialize(init, self.module), **({ctor.clock: clock} if ctor.clock else {}))
        except BaseException:
            return []
        steps: list[dict[str, Any]] = []
        length = self.random.randint(1, MAX_STEPS + (3 if focus is not None else 0)) if methods else 0
        aimed = [m for m in methods if m[0] in focus] if focus else []
        at = self.random.randrange(length) if aimed and length else -1
        rotation = self.random.choice([0, 0, 2, 3, 4])  # > 0: keys taken in turn (a, b, c, a, ...), to fill it up
        turn = 0
        for position in range(length):
            if ctor.clock and self.random.random() < 0.25:
                given = [v for st in steps for v in st.get("args", {}).values() if type(v) in (int, float)]
                steps.append({"advance": self.advance({**init, **{str(i): v for i, v in enumerate(given)}})})
                clock.now += steps[-1]["advance"]
                continue
            name, sig = self.random.choice(aimed if position == at or (aimed and self.random.random() < 0.2)
                                           else methods)
            args = self.arguments(sig, 0.6)
            first = next(iter(sig.params), None)
            if rotation and first and first[1] in ("str", "any") and first[2]:
                args[first[0]] = self.pools[first[1]][turn % rotation]
                turn += 1
            makers = self.factories.get(cls.__name__, [])
            if name in ("__lt__", "__eq__") and first and makers and self.random.random() < 0.8:
                factory, made = self.random.choice(makers)  # compared with another object made the same way
                args[first[0]] = Built(factory, dict(made))
            elif name in ("__lt__", "__eq__") and first and self.random.random() < 0.8:  # or by the constructor
                taken = self.inits.get(cls.__name__) or [self.arguments(ctor, 1.0)]
                args[first[0]] = Built(cls.__name__, dict(init) if self.random.random() < 0.4 else
                                       copy.deepcopy(self.random.choice(taken)))
            for attempt in range(RETRIES if self.random.random() < 0.7 else 1):
                if attempt:  # the call refused: other arguments, so a scenario gets past its first refusal
                    args = self.arguments(sig, 0.6)
                self.fit(obj, cls, sig, args)
                try:
                    with time_limit(REPLAY_TIMEOUT_S):
                        call(obj, name, materialize(args, self.module))
                except BaseException:
                    continue
                break
            steps.append({"method": name, "args": args})
        return steps

    def fit(self, obj: Any, cls: type, sig: Signature, args: dict[str, Any]) -> None:
        """Now and then a number the object holds (paying exactly what is due), or a key it holds (the slot
        added a step before), in place of a drawn argument."""
        for key, kind, _ in sig.params:
            if key in args and kind in ("int", "float", "Decimal") and self.random.random() < 0.3:
                held = self.held(obj, cls, kind)
                if held:
                    args[key] = self.random.choice(held)
            elif key in args and kind in ("str", "int", "any") and self.random.random() < 0.5:
                keys = held_keys(obj, str if kind == "any" else {"str": str, "int": int}[kind])
                if keys:
                    args[key] = self.random.choice(keys)
            elif key in args and kind in ("date", "datetime") and self.random.random() < 0.6:
                days = held_days(obj, dt.datetime if kind == "datetime" else dt.date)
                if days:  # a day the object holds (a loan's due date) or the day either side of it
                    args[key] = self.random.choice(days)

    def held(self, obj: Any, cls: type, kind: str) -> list[Any]:
        """Numbers the object shows right now, and one unit either side, as values of `kind`."""
        values: list[Any] = []
        for entry in snapshot(obj, cls).values():
            value = entry.get("value")
            if type(value) in (int, float, Decimal) and type(value) is not bool:
                unit: Any = 1
                if isinstance(value, Decimal) and value.as_tuple().exponent < 0:  # type: ignore[operator]
                    unit = Decimal(1).scaleb(value.as_tuple().exponent)  # type: ignore[arg-type]
                for near in (value, value + unit, value - unit):
                    with contextlib.suppress(Exception):
                        values.append(int(near) if kind == "int" else float(near) if kind == "float"
                                      else Decimal(str(near)))
        return values

    def advance(self, init: dict[str, Any]) -> float:
        numbers = [float(v) for v in init.values() if type(v) in (int, float)]
        return self.random.choice([*numbers, *numbers, 1.0, 0.5, 1000.0])

    def function_candidates(self, func: Any, count: int) -> list[dict[str, Any]]:
        sig = self.signature(func)
        if not sig.usable or not sig.params or sig.clock:
            return []
        base = {"args": self.apart(sig, self.arguments(sig, 0.0))}
        out = [base]
        names = [p[0] for p in sig.params]
        for made, result in self.made:  # a checker handed what a maker made from the same inputs
            shared = {k: v for k, v in made.items() if k in names}
            if not shared:
                continue
            for _ in range(24):
                args = self.arguments(sig, 0.8)
                args.update(shared)
                for key, kind, _required in sig.params:
                    if key not in shared and kind == ("bytes" if isinstance(result, bytes) else "str"):
                        args[key] = result
                        break
                self.relative(sig, args)
                out.append({"args": args})
        for name, kind, required in sig.params:  # each argument through its whole pool, the others typical
            if required:
                if kind.startswith("many:"):  # each value alone, then a few together, in both orders
                    pool = self.pools[kind[5:]]
                    values = [[v] for v in pool] + [pool[i:i + 3] for i in range(0, min(len(pool), 9), 2)]
                    values += [list(reversed(v)) for v in values[len(pool):]]
                elif kind.startswith("either:"):
                    values = [v for member in kind[7:].split(",") for v in self.pools[member]][1:]
                else:
                    values = list((self.texts.get(name) if kind == "str" else None) or self.pools.get(kind, []))[1:]
                out += [{"args": {**base["args"], name: v}} for v in values]
        texts = [name for name, kind, required in sig.params if kind == "str" and required]
        for name, kind, required in sig.params:  # each object the module holds with each text of the pool
            held = self.named.get(kind[4:], []) if kind.startswith("obj:") and required else []
            for const in held[1:] if len(texts) == 1 else []:
                out += [{"args": {**base["args"], name: Built(const, None), texts[0]: v}}
                        for v in (self.texts.get(texts[0]) or self.pools["str"])[:40]]
        out += [{"args": self.arguments(sig, 0.8)} for _ in range(count)]
        return out

    def relative(self, sig: Signature, args: dict[str, Any]) -> None:
        """Half the time, a number sits at a boundary relative to another input: a `now` exactly the tolerance
        after the timestamp it checks, one past it, or equal to it."""
        anchors = [float(v) for v in args.values() if isinstance(v, str) and v.lstrip("-").isdigit()]
        anchors += [float(v) for v in args.values() if type(v) in (int, float)]
        offsets = [0.0] + [float(n) for n in self.constants if type(n) in (int, float)]
        for key, kind, _required in sig.params:
            if kind in ("int", "float") and anchors and self.random.random() < 0.5:
                value = self.random.choice(anchors) + self.random.choice([1, -1]) * self.random.choice(offsets) + \
                    self.random.choice([0, 0, 1, -1])
                args[key] = int(value) if kind == "int" else value

    def text_takers(self, targets: list[tuple[str, str, Any]]) -> Iterator[tuple[Any, str, dict[str, Any]]]:
        """(callable, its first required text parameter, its other arguments) for each class or function whose text
        has no values yet, while the budget lasts."""
        for func in [obj for kind, _name, obj in targets if kind in ("class", "function")]:
            sig = self.signature(func)
            texts = [p for p, kind, required in sig.params if kind == "str" and required]
            if not sig.usable or sig.clock or not texts or texts[0] in self.texts or budget_clock() > self.deadline:
                continue
            yield func, texts[0], self.arguments(sig, 0.0)

    def compose(self, targets: list[tuple[str, str, Any]]) -> None:
        """Texts made of parts. A callable whose text parameter refuses every text of the pool may want several
        parts joined by what the module splits on (`"0 12 * * 1"`, `"10.0.0.1"`): the same short part is repeated
        as many times as its refusal counts ("expected 4 fields, got 1"), then each part is varied alone and a few
        parts together. The texts it takes become that parameter's values."""
        splits = [node.args for node in ast.walk(self.tree) if isinstance(node, ast.Call) and
                  isinstance(node.func, ast.Attribute) and node.func.attr in ("split", "rsplit")]
        given = [args[0].value if args and isinstance(args[0], ast.Constant) else None if args else " "
                 for args in splits]
        separators = list(dict.fromkeys(sep for sep in given if isinstance(sep, str) and 0 < len(sep) <= 3))
        if not separators:
            return
        for func, param, others in self.text_takers(targets):

            def takes(text: str, func: Any = func, param: str = param, others: dict[str, Any] = others) -> bool:
                return self.refusal(func, {**others, param: text}) is None

            refusals = [self.refusal(func, {**others, param: v}) for v in self.pools["str"][:12]]
            if any(r is None for r in refusals):
                continue  # it takes a plain text already
            digits = [str(int(n)) for n in self.constants if float(n) == int(n) and 0 <= n < 10**6]
            parts = list(dict.fromkeys([*self.pools["str"], *digits, "0", "1", "2"]))
            parts = [p for p in parts if 0 < len(p) <= 8 and not any(sep in p for sep in separators)]
            found = self.first_whole(takes, refusals, parts, separators)
            if found is not None:
                self.texts[param] = self.varied(takes, *found, parts)

    def documents(self, targets: list[tuple[str, str, Any]]) -> None:
        """Texts of several lines, for a module that reads its text line by line (`text.splitlines()`): a line the
        callable takes alone first (a heading, a comment), then lines of the pool added one at a time while it
        still takes the text. With one line at a time, a parser of documents is only ever shown their first line."""
        by_line = any(isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
            node.func.attr == "splitlines" or (node.func.attr == "split" and node.args and isinstance(
                node.args[0], ast.Constant) and node.args[0].value == "\n")) for node in ast.walk(self.tree))
        lines = [v for v in self.pools["str"] if v.strip() and "\n" not in v][:40]
        if not by_line or len(lines) < 2:
            return
        for func, param, others in self.text_takers(targets):

            def takes(doc: list[str], func: Any = func, param: str = param, others: dict[str, Any] = others) -> bool:
                return self.refusal(func, {**others, param: "\n".join(doc)}) is None

            alone = [v for v in lines[:20] if takes([v])] or lines[:1]
            made = []
            for _ in range(16):  # grown a line at a time while it is taken; now and then one line it refuses last
                doc = [self.random.choice(alone)]
                for line in self.random.sample(lines, min(8, len(lines))):
                    if len(doc) < 4 and takes([*doc, line]):
                        doc.append(line)
                made.append(doc)
                if self.random.random() < 0.3:
                    made.append([*doc, self.random.choice(lines)])
            self.texts[param] = list(dict.fromkeys([*lines[:8], *("\n".join(doc) for doc in made)]))

    def first_whole(self, takes: Any, refusals: list[str | None], parts: list[str],
                    separators: list[str]) -> tuple[list[str], str] | None:
        """The parts of a first text `takes` accepts: one part repeated as many times as a refusal counts (or 2 to
        8), else parts drawn at random in that count."""
        told = list(dict.fromkeys(int(n) for r in refusals for n in re.findall(r"\b\d+\b", r or "")
                                  if 2 <= int(n) <= 12))
        for count in dict.fromkeys([*told, *range(2, 9)]):
            for sep in separators:
                for part in parts[:12]:
                    if takes(sep.join([part] * count)):
                        return [part] * count, sep
        for _ in range(300 if told else 0):  # parts that differ: "<name> <number> <day>"
            tried = [self.random.choice(parts[:20]) for _ in range(told[0])]
            sep = self.random.choice(separators)
            if takes(sep.join(tried)):
                return tried, sep
        return None

    def varied(self, takes: Any, whole: list[str], sep: str, parts: list[str]) -> list[str]:
        """`whole` and the texts made from it that `takes` accepts: each part replaced alone (by the pool's short
        texts and the documented forms with numbers in, `a-b/n` -> `2-5/3`), and a few replaced together."""
        shaped = [placeheld(e) for e in self.pools["str"] if re.search(r"\b[a-z]\b", e)]
        pieces = list(dict.fromkeys([*parts, *(p for p in shaped if p and sep not in p)]))[:60]

        def spliced(at: int, piece: str) -> str:
            return sep.join([*whole[:at], piece, *whole[at + 1:]])

        taken: list[list[str]] = [[] for _ in whole]
        for at in range(len(whole)):
            for piece in pieces:
                if piece != whole[at] and len(taken[at]) < 8 and takes(spliced(at, piece)):
                    taken[at].append(piece)
        made = [sep.join(whole), *(spliced(at, piece) for at in range(len(whole)) for piece in taken[at])]
        for _ in range(12):
            tried = sep.join(self.random.choice([w, *taken[at]]) for at, w in enumerate(whole))
            if takes(tried):
                made.append(tried)
        return list(dict.fromkeys(made))

    def refusal(self, func: Any, args: dict[str, Any]) -> str | None:
        """None when `func(**args)` answers; the text of what it raised when it refuses."""
        try:
            with time_limit(REPLAY_TIMEOUT_S):
                func(**materialize(args, self.module))
        except Timeout:
            return ""
        except Exception as exc:
            return str(exc) or type(exc).__name__
        return None

    def constructions(self, cls: type, ctor: Signature) -> list[dict[str, Any]]:
        """Constructor arguments `cls` takes: drawn at random until one is taken, then each argument varied alone
        from that one over every value of its pool (a currency code from a table), at most four per argument."""
        taken: list[dict[str, Any]] = []

        def builds(args: dict[str, Any]) -> bool:
            return self.builds(cls, args)

        first = next((args for index in range(24) if budget_clock() <= self.deadline and builds(
            args := self.arguments(ctor, 0.0 if index == 0 else 0.5 if index % 2 else 1.0))), None)
        if first is None:
            return taken
        taken.append(first)
        for param, kind, _ in ctor.params:
            values = self.pools[kind][:80] if kind in self.pools else [self.value(param, kind) for _ in range(8)]
            found = 0
            for value in values:
                args = dict(first, **{param: value})
                if found >= 4 or budget_clock() > self.deadline:
                    break
                if args not in taken and builds(args):
                    taken.append(args)
                    found += 1
        return taken

    def builds(self, cls: type, args: dict[str, Any]) -> bool:
        """Whether `cls` takes `args` (its constructor returns)."""
        try:
            with time_limit(REPLAY_TIMEOUT_S):
                cls(**materialize(args, self.module))
        except BaseException:
            return False
        return True

    def harvest(self, targets: list[tuple[str, str, Any]]) -> None:
        """Call each function a few times with typical arguments and feed what it returns to the pools, so a
        checker can be handed what the module's own maker made (a signature for `verify`, a token for `decode`)."""
        makers = [(name, func) for kind, name, func in targets if kind == "function"]
        makers += [(f"{name}.{method}", getattr(cls, method)) for kind, name, cls in targets if kind == "class"
                   for method, member in vars(cls).items()
                   if isinstance(member, classmethod) and not method.startswith("_")]
        for kind, name, cls in targets:  # constructor arguments the class takes
            ctor = self.signature(cls) if kind == "class" else None
            if ctor is not None and ctor.usable and not ctor.clock and ctor.params:
                self.inits[name] = self.constructions(cls, ctor)
        for spelled, func in makers:
            sig = self.signature(func)
            if not sig.usable or sig.clock:
                continue
            tries = [self.arguments(sig, 0.0 if index == 0 else 0.5) for index in range(16)]
            if len(sig.params) == 1 and sig.params[0][1] in ("str", "any"):  # a parser: every text it may take
                name, kind = sig.params[0][:2]
                tries += [{name: v} for v in [*self.texts.get(name, []), *self.pools[kind]] if isinstance(v, str)]
            for args in tries:
                try:
                    with time_limit(REPLAY_TIMEOUT_S):
                        result = func(**materialize(args, self.module))
                except BaseException:
                    continue
                made = self.factories.setdefault(type(result).__name__, []) \
                    if getattr(type(result), "__module__", "") == self.module.__name__ else None
                if made is not None and len(made) < 24 and not any(m == (spelled, args) for m in made):
                    made.append((spelled, args))
                if "." in spelled:
                    continue
                self.feed(result)
                if type(result) in (str, bytes) and len(self.made) < 24:
                    self.made.append((args, result))

    # -------------------------------------------------------------- running candidates

    def replay_class(self, module: types.ModuleType, name: str, candidate: dict[str, Any]) -> list[Any]:
        cls = getattr(module, name)
        clock = FakeClock()
        kwargs = materialize(dict(candidate["init"]), module)
        if candidate.get("clock"):
            kwargs[candidate["clock"]] = clock
        try:
            obj = made_by(module, candidate["factory"], kwargs) if candidate.get("factory") else cls(**kwargs)
        except Exception as exc:
            return [_raised(exc)]
        seen: list[Any] = []
        for step in candidate["steps"]:
            if "advance" in step:
                clock.now += step["advance"]
                continue
            try:
                result = call(obj, step["method"], materialize(step["args"], module))
            except Timeout:
                raise
            except Exception as exc:
                seen.append(_raised(exc))
                continue
            seen.append(_returned(result, step["method"] in self.answering))
        seen.append({"state": snapshot(obj, cls, self.reader_methods(name))})
        return seen

    def replay_function(self, module: types.ModuleType, name: str, candidate: dict[str, Any]) -> list[Any]:
        try:
            result = getattr(module, name)(**materialize(candidate["args"], module))
        except Timeout:
            raise
        except Exception as exc:
            return [_raised(exc)]
        return [_returned(result, name in self.answering)]

    def observe(self, replay: Any, module: types.ModuleType, name: str, candidate: dict[str, Any],
                twice: bool = True) -> Any:
        """The candidate's observations on `module`, or None when it hangs (or, with `twice`, differs between two
        runs: a test pinning it would be flaky)."""
        try:
            with time_limit(REPLAY_TIMEOUT_S):
                first = replay(module, name, candidate)
                second = replay(module, name, candidate) if twice else first
        except BaseException:  # a hang, or a mutant that exits or breaks the interpreter's state
            return None
        return first if same(first, second) else None

    @staticmethod
    def outcomes(candidates: list[tuple[str, str, dict[str, Any], list[Any]]], kept: list[int]) -> list[int]:
        """One more function call for each kind of answer no kept one shows (True and False, each error message,
        returning normally): the everyday path is pinned even when no mutant needed it."""
        def key(index: int) -> tuple[str, str]:
            _kind, name, _, seen = candidates[index]
            first = seen[0]
            if "raises" in first:
                return name, f"raises {first['raises']}: {first.get('message', '')}"
            value = first.get("returns")
            return name, f"returns {value!r}" if value is None or isinstance(value, bool) else "returns"

        functions = [i for i, c in enumerate(candidates) if c[0] == "function"]
        shown = {key(i) for i in kept if candidates[i][0] == "function"}
        extra: list[int] = []
        for index in functions:
            if key(index) not in shown and len(extra) < 6:
                shown.add(key(index))
                extra.append(index)
        return extra + Explorer.step_outcomes(candidates, kept)

    def named_values(self, candidates: list[tuple[str, str, dict[str, Any], list[Any]]], kept: list[int]) -> list[int]:
        """A call for each value the request or the docstrings name, and each of their neighbours, handed alone
        to a function (`from_text("04/7")`): a table of what the documented inputs and the ones next to them answer,
        where a changed rule shows first."""
        named = {v for v in self.pools["str"][:48] if v in self.examples}

        def spelled(candidate: dict[str, Any]) -> str:
            return json.dumps(recipes(candidate, ""), sort_keys=True, default=str)

        def answer(seen: list[Any]) -> str:  # a yes/no or a None is told apart; other values are "returns"
            if "raises" in seen[0]:
                return f"raises {seen[0]['raises']}"
            value = seen[0].get("returns")
            return f"returns {value!r}" if value is None or isinstance(value, bool) else "returns"

        answers = {(c[1], spelled(c[2])): answer(c[3]) for c in candidates if c[0] == "function"}
        taken = {spelled(candidates[i][2]) for i in kept}
        refusals: set[str] = set()
        extra: dict[str, int] = {}
        out: list[int] = []
        for index, (kind, name, candidate, seen) in enumerate(candidates):
            args = candidate.get("args", {})
            if kind != "function" or extra.get(name, 0) >= 16 or not any(
                    isinstance(v, str) and v in named for v in args.values()):
                continue
            spell = spelled(candidate)
            near = any(isinstance(v, str) and v in self.origin for v in args.values())
            if "raises" in seen[0] and not near:  # one row per way of refusing (less the input it echoes)
                said = str(seen[0].get("message", ""))
                for value in args.values():
                    said = said.replace(repr(value), "").replace(str(value), "")
                refusal = f"{name}: {seen[0]['raises']}: {said}"
                spell = "" if refusal in refusals else spell
                refusals.add(refusal)
            for key, value in args.items():  # a neighbour is kept where it answers otherwise than its example
                if isinstance(value, str) and value in self.origin:
                    before = answers.get((name, spelled(dict(candidate, args={**args, key: self.origin[value]}))))
                    if before is not None and before == answer(seen):
                        spell = ""
            if spell and spell not in taken:
                taken.add(spell)
                extra[name] = extra.get(name, 0) + 1
                out.append(index)
        return out

    @staticmethod
    def step_outcomes(candidates: list[tuple[str, str, dict[str, Any], list[Any]]], kept: list[int]) -> list[int]:
        """For classes, the shortest scenario showing each kind of answer of each method (returns None, returns a
        value, raises each error) that no kept scenario shows."""
        def keys(index: int) -> set[tuple[str, str, str]]:
            _kind, name, candidate, seen = candidates[index]
            calls = [s["method"] for s in candidate["steps"] if "method" in s]
            found = set()
            for method, answer in zip(calls, seen, strict=False):
                if "raises" in answer:
                    found.add((name, method, f"raises {answer['raises']}"))
                elif "returns" in answer:
                    found.add((name, method, "returns None" if answer["returns"] is None else "returns"))
            return found

        classes = sorted((i for i, c in enumerate(candidates) if c[0] == "class"),
                         key=lambda i: len(candidates[i][2]["steps"]))
        shown = set().union(*(keys(i) for i in kept if candidates[i][0] == "class"))
        extra: list[int] = []
        for index in classes:
            new = keys(index) - shown
            if new and len(extra) < 8:
                shown |= new
                extra.append(index)
        return extra

    def kill(self, mutants: list[Any], candidates: list[tuple[str, str, dict[str, Any], list[Any]]], kept: list[int],
             pool: range) -> list[Any]:
        """Try each mutant against the candidates in `pool` (kept ones first), adding each first killer to `kept`;
        returns the mutants nothing killed (and those left when time ran out)."""
        survivors = []
        for mutant in mutants:
            if budget_clock() > self.deadline or not pool:
                survivors.append(mutant)
                continue
            order = [i for i in kept if i in pool] + [i for i in pool if i not in kept]
            killer = in_child(lambda m=mutant.source, o=order: self.first_killer(m, candidates, o))
            if killer is None:
                survivors.append(mutant)
            elif killer >= 0 and killer not in kept:
                kept.append(killer)
        return survivors

    def first_killer(self, source: str, candidates: list[tuple[str, str, dict[str, Any], list[Any]]],
                     order: list[int]) -> int | None:
        """The first candidate (in `order`) whose observations change under the mutant `source`; -1 when the
        mutant does not even load (any test notices), None when it survives every candidate."""
        mutated = load_mutant(self.module, source)
        if mutated is None:
            return -1
        for index in order:
            kind, name, candidate, seen = candidates[index]
            if not hasattr(mutated, name):
                return -1
            replay = self.replay_class if kind == "class" else self.replay_function
            other = self.observe(replay, mutated, name, candidate, twice=False)
            if other is None or not same_seen(seen, other):
                return index
            if budget_clock() > self.deadline:
                return None
        return None

    # -------------------------------------------------------------- selection

    def observed(self, into: list[tuple[str, str, dict[str, Any], list[Any]]], kind: str, name: str,
                 made: list[dict[str, Any]], until: float) -> None:
        """Run each candidate on the real module and keep the ones with a stable, pinnable outcome."""
        replay = self.replay_class if kind == "class" else self.replay_function
        tried: set[str] = set()
        for candidate in made:
            if budget_clock() > until:
                break
            key = repr(recipes(candidate, ""))
            if key in tried:  # the same call again proves nothing new
                continue
            tried.add(key)
            seen = self.observe(replay, self.module, name, candidate)
            if seen is not None and not _opaque_only(seen):
                into.append((kind, name, candidate, seen))

    def choose(self, targets: list[tuple[str, str, Any]]) -> dict[str, Any]:
        """targets: (kind, name, object). Returns kept candidates per name with their observations and figures."""
        candidates: list[tuple[str, str, dict[str, Any], list[Any]]] = []
        self.compose(targets)
        self.documents(targets)
        self.harvest(targets)
        making_ends = budget_clock() + (self.deadline - budget_clock()) * 0.4
        for kind, name, obj in targets:
            made = self.class_candidates(obj, CANDIDATES) if kind == "class" else \
                self.function_candidates(obj, CANDIDATES // 3)
            self.observed(candidates, kind, name, made, making_ends)
        kept: list[int] = []
        mutants = mutants_of(self.rel, self.source)
        survivors = self.kill(mutants, candidates, kept, range(len(candidates)))
        if survivors and budget_clock() < self.deadline:  # aim new candidates at what survived
            first_new = len(candidates)
            aimed_ends = budget_clock() + (self.deadline - budget_clock()) * 0.5
            for kind, name, obj in targets:
                hit = [m for m in survivors if any(q.split(".")[0] == name for q in m.scope)]
                if kind == "class" and hit:
                    focus = {q.split(".")[1] for m in hit for q in m.scope if q.count(".") >= 1}
                    made = self.class_candidates(obj, CANDIDATES, focus)
                elif kind == "function" and hit:
                    made = self.function_candidates(obj, CANDIDATES)
                else:
                    continue
                self.observed(candidates, kind, name, made, aimed_ends)
            survivors = self.kill(survivors, candidates, kept, range(first_new, len(candidates)))
        killed = len(mutants) - len(survivors)
        kept += self.outcomes(candidates, kept)
        kept += self.named_values(candidates, kept)
        # A function no call got an answer from (a view outside its app, a helper needing a connection) teaches a
        # test nothing but how not to call it. A checker that refuses everything with the repo's own error (a
        # signature check raising SignatureError) did answer: the refusal is its answer.
        answered = {c[1] for c in candidates if c[0] == "class" or "raises" not in c[3][0]
                    or str(c[3][0].get("raises_module", "")).split(".")[0] == self.module.__name__.split(".")[0]}
        kept = [i for i in kept if candidates[i][1] in answered]
        by_name: dict[str, list[dict[str, Any]]] = {}
        for index in sorted(kept):
            kind, name, candidate, seen = candidates[index]
            by_name.setdefault(name, [])
            if len(by_name[name]) < KEEP_PER_TARGET:
                by_name[name].append({"candidate": candidate, "seen": seen})
        for _kind, name, _ in targets:  # the plain base case documents the everyday path even if it kills nothing
            base = next((c for c in candidates if c[1] == name and name in answered), None)
            if base is not None and not any(k["candidate"] is base[2] for k in by_name.get(name, [])):
                by_name.setdefault(name, []).insert(0, {"candidate": base[2], "seen": base[3]})
        for items in by_name.values():  # objects the candidates built become recipes a test can write out
            for item in items:
                item["candidate"] = recipes(item["candidate"], self.module.__name__)
        return {"kept": by_name, "killed": killed, "survived": len(survivors), "candidates": len(candidates)}


# ---------------------------------------------------------------- helpers


def placeheld(example: str) -> str:
    """A documented form with its one-letter placeholders filled with small numbers (`a-b/n` -> `2-5/3`)."""
    numbers = iter(["2", "5", "3", "4"])
    return re.sub(r"\b[a-z]\b", lambda _: next(numbers, "1"), example)


class Built:
    """How to make an object of the module's class: its name and keyword arguments (which may hold more)."""

    def __init__(self, name: str, kwargs: dict[str, Any] | None) -> None:
        self.name = name
        self.kwargs = kwargs
        """None for an object the module holds by that name (`MONTH`), not one to make."""

    def recipe(self, module: str) -> dict[str, Any]:
        """The form the engine renders as `Name(key=value, ...)` (or `NAME` for one the module holds)."""
        return {"__object__": self.name, "module": module, "fields": recipes(self.kwargs, module)}


class Keyed:
    """A mapping keyed by objects of the module (`{Coin.DIME: 3}`): (key, value) pairs, as JSON cannot key them."""

    def __init__(self, pairs: list[tuple[Any, Any]]) -> None:
        self.pairs = pairs


def recipes(value: Any, module: str) -> Any:
    """`value` with every `Built` turned into its recipe (for the inventory)."""
    if isinstance(value, Built):
        return value.recipe(module)
    if isinstance(value, Keyed):
        return {"__pairs__": [[recipes(k, module), recipes(v, module)] for k, v in value.pairs]}
    if isinstance(value, dict):
        return {k: recipes(v, module) for k, v in value.items()}
    if isinstance(value, list):
        return [recipes(v, module) for v in value]
    return value


def materialize(value: Any, module: types.ModuleType) -> Any:
    """`value` with every `Built` made with `module`'s own class (a mutant module builds its own objects)."""
    if isinstance(value, Built):
        return made_by(module, value.name, materialize(value.kwargs, module))
    if isinstance(value, Keyed):
        return {materialize(k, module): materialize(v, module) for k, v in value.pairs}
    if isinstance(value, dict):
        return {k: materialize(v, module) for k, v in value.items()}
    if isinstance(value, list):
        return [materialize(v, module) for v in value]
    return value


STORING = {"append", "add", "insert", "extend", "setdefault", "update", "appendleft", "put", "push"}


def made_by(module: types.ModuleType, factory: str, kwargs: dict[str, Any] | None) -> Any:
    """An object made by the module's function or class method `factory` (`from_text`, `Fraction.of`), or the one
    the module holds by that name when `kwargs` is None."""
    owner: Any = module
    for part in factory.split("."):
        owner = getattr(owner, part)
    return owner if kwargs is None else owner(**kwargs)


CHANGING = STORING | {"pop", "popitem", "popleft", "remove", "discard", "clear", "sort", "reverse", "rotate",
                      "__setitem__", "__delitem__", "send", "close", "write"}


def _rooted_at_self(node: ast.expr) -> bool:
    """`self.a`, `self.a[k]`, `self.a.b`: a place inside the object."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "self"


def reads_only(func: ast.FunctionDef) -> bool:
    """Whether a method leaves its object as it was: no assignment into it, no changing call on what it holds,
    no generator (its answer is not a value to pin)."""
    for node in ast.walk(func):
        if isinstance(node, (ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)):
            return False
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        if any(isinstance(t, (ast.Attribute, ast.Subscript)) and _rooted_at_self(t) for t in targets):
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CHANGING and \
                isinstance(node.func.value, (ast.Attribute, ast.Subscript)) and _rooted_at_self(node.func.value):
            return False  # `self.items.append(x)`; `self.clear()` is judged as the method it is
        if isinstance(node, ast.Call) and any(isinstance(a, ast.Name) and a.id == "self" for a in node.args):
            return False  # handed to something that may change it
    return True


def self_calls(func: ast.FunctionDef) -> set[str]:
    """Names of the methods `func` calls on its own object (`self.total()`)."""
    return {n.func.attr for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"}


def _on_self(node: ast.expr) -> bool:
    """Whether `node` is `self.x`, `self.x[...]` or deeper inside `self`."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return isinstance(node, ast.Name) and node.id == "self"


def call(obj: Any, method: str, args: dict[str, Any]) -> Any:
    """One step of a scenario: a method call, or a container protocol method through the syntax a test uses."""
    values = list(args.values())
    if method == "__len__":
        return len(obj)
    if method == "__contains__":
        return values[0] in obj
    if method == "__iter__":
        return list(obj)
    if method == "__getitem__":
        return obj[values[0]]
    if method == "__setitem__":
        obj[values[0]] = values[1]
        return None
    if method == "__delitem__":
        del obj[values[0]]
        return None
    if method == "__sorted__":
        return sorted([obj, *values[0]])
    if method == "__lt__":
        return obj < values[0]
    if method == "__eq__":
        return obj == values[0]
    return getattr(obj, method)(**args)


@contextlib.contextmanager
def time_limit(seconds: float) -> Any:
    def expire(signum: int, frame: Any) -> None:
        raise Timeout()

    if not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def load_mutant(module: types.ModuleType, source: str) -> types.ModuleType | None:
    """A fresh module object running `source` in place of `module`; the real module stays as it is."""
    mutated = types.ModuleType(module.__name__)
    for attr in ("__file__", "__package__", "__path__", "__spec__", "__loader__"):
        if hasattr(module, attr):
            setattr(mutated, attr, getattr(module, attr))
    try:
        with time_limit(2.0):
            exec(compile(source, getattr(module, "__file__", "<mutant>") or "<mutant>", "exec"), mutated.__dict__)
    except BaseException:
        return None
    return mutated


def held_days(obj: Any, kind: type) -> list[Any]:
    """The dates (or date-times) `obj` holds in its records, a few levels down, each with the day before and after."""
    found: list[Any] = []

    def visit(value: Any, depth: int) -> None:
        if isinstance(value, (dt.date, dt.datetime)) and type(value) is kind:
            found.extend((value - dt.timedelta(days=1), value, value + dt.timedelta(days=1)))
        elif depth < 3 and isinstance(value, dict):
            for item in list(value.values())[:20]:
                visit(item, depth + 1)
        elif depth < 3 and isinstance(value, (list, tuple, set)):
            for item in list(value)[:20]:
                visit(item, depth + 1)
        elif depth < 3 and hasattr(value, "__dict__") and not isinstance(value, type):
            for item in list(vars(value).values())[:20]:
                visit(item, depth + 1)

    visit(obj, 0)
    return list(dict.fromkeys(found))[:30]


def _returned(result: Any, answers: bool) -> dict[str, Any]:
    """What a test pins of a call's result. A None from code that only ever returns None is just a call; from code
    that can answer with a value (`next_up()` with nothing waiting) it is an answer, pinned with `is None`."""
    if result is None and not answers:
        return {"opaque": "NoneType"}
    value = observable(result)
    return {"opaque": type(result).__name__} if value is OPAQUE else {"returns": value}


def _raised(exc: BaseException) -> dict[str, Any]:
    message = str(exc)
    seen = {"raises": type(exc).__name__, "raises_module": type(exc).__module__,
            "raises_builtin": next(c.__name__ for c in type(exc).__mro__ if c.__module__ == "builtins")}
    if message and len(message) <= 120 and "0x" not in message and "\n" not in message:
        seen["message"] = message
    return seen


OPAQUE = object()

PACKAGE: list[str] = []
"""The top-level package of the module being explored: only its own classes are pinned by their text."""


def observable(value: Any, depth: int = 0) -> Any:
    """`value` as a test can pin it (plain data, and dataclass instances as `{"__object__": name, "fields"}`, which
    a test rebuilds and compares with ==), or OPAQUE."""
    if value is None or type(value) in (bool, int, str, Decimal, Fraction, bytes, dt.date, dt.datetime, dt.timedelta):
        return value
    if type(value) is float:
        return value if math.isfinite(value) else OPAQUE
    if depth > 4:
        return OPAQUE
    if type(value) in (list, tuple):
        items = [observable(v, depth + 1) for v in value]
        texts = [is_text(i) for i in items]
        if any(i is OPAQUE for i in items) or (any(texts) and (depth or not all(texts))):
            return OPAQUE  # objects known by their text only as a list of them, the whole answer
        return items if type(value) is list else {"__tuple__": items}
    if type(value) in (set, frozenset):  # a few plain values of one kind, compared with == whatever their order
        kinds = {type(v) for v in value}
        if len(value) > MAX_SET or not kinds <= {int, str, Decimal, dt.date} or len(kinds) > 1:
            return OPAQUE
        return {"__set__": sorted(value)}
    if isinstance(value, enum.Enum) and PACKAGE and type(value).__module__.split(".")[0] == PACKAGE[0] and \
            "<" not in type(value).__qualname__:
        return {"__object__": f"{type(value).__qualname__}.{value.name}", "module": type(value).__module__,
                "fields": None}
    if type(value) is dict and value and not all(type(k) is str for k in value):  # `{Coin.DIME: 3}`, `{2024: 1}`
        pairs = [[observable(k, depth + 1), observable(v, depth + 1)] for k, v in value.items()]
        if any(k is OPAQUE or v is OPAQUE or is_text(v) or not (type(k) is int or isinstance(k, dict))
               for k, v in pairs):
            return OPAQUE
        return {"__pairs__": pairs}
    if type(value) is dict:
        if not all(type(k) is str for k in value):
            return OPAQUE
        mapped = {k: observable(v, depth + 1) for k, v in value.items()}
        return OPAQUE if any(v is OPAQUE or is_text(v) for v in mapped.values()) else mapped
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        params = getattr(type(value), "__dataclass_params__", None)
        if params is None or not params.eq or any(not f.init for f in fields) or "<" in type(value).__qualname__:
            return OPAQUE
        out = {f.name: observable(getattr(value, f.name), depth + 1) for f in fields}
        if any(v is OPAQUE or is_text(v) for v in out.values()):
            return OPAQUE
        return {"__object__": type(value).__qualname__, "module": type(value).__module__, "fields": out}
    if depth <= 1 and PACKAGE:  # alone, or an item of the list that is the whole answer
        text = own_text(value, PACKAGE[0])
        if text is not None:
            return {"__text__": text}
    return OPAQUE


def is_text(observed: Any) -> bool:
    """True for the observation of an object known by its text (`{"__text__": "4/7"}`)."""
    return isinstance(observed, dict) and "__text__" in observed


def own_text(value: Any, package: str) -> str | None:
    """How an object of the repo's own class spells itself (`str(share)` is "4/7"), when its class writes
    `__str__` or `__repr__` and the text is short, one line and free of memory addresses; else None."""
    cls = type(value)
    if cls.__module__.split(".")[0] != package or isinstance(value, (set, frozenset)) or not any(
            "__str__" in vars(k) or "__repr__" in vars(k) for k in cls.__mro__[:-1]):
        return None
    try:
        text = str(value)
    except Exception:
        return None
    if not text or len(text) > 200 or "\n" in text or re.search(r"0x[0-9a-fA-F]{6,}", text):
        return None
    return text


def plain(value: Any) -> bool:
    return observable(value) is not OPAQUE


def snapshot(obj: Any, cls: type, readers: list[str] | None = None) -> dict[str, Any]:
    """Public properties and plain public attributes, in the order a test reads them, then what each of the
    `readers` (methods that take nothing and change nothing) answers, as `name()`."""
    state: dict[str, Any] = {}
    for name in readers or []:  # the replay's own time limit covers these calls
        try:
            value = getattr(obj, name)()
        except Timeout:
            raise
        except Exception:
            continue
        if plain(value) and value is not None:
            state[f"{name}()"] = {"value": observable(value)}
    for name in sorted(dir(cls)):
        if name.startswith("_") or not isinstance(getattr(cls, name, None), property):
            continue
        try:
            value = getattr(obj, name)
        except Timeout:
            raise
        except Exception as exc:
            state[name] = {"raises": type(exc).__name__}
            continue
        if plain(value):
            state[name] = {"value": observable(value)}
    for name, value in sorted(vars(obj).items()) if hasattr(obj, "__dict__") else ():
        if not name.startswith("_") and plain(value) and name not in state:
            state[name] = {"value": observable(value)}
    return state


def held_keys(obj: Any, kind: type) -> list[Any]:
    """The keys of `kind` of the mappings the object keeps (`self._slots["A1"]`), a few of each."""
    keys: list[Any] = []
    for value in vars(obj).values() if hasattr(obj, "__dict__") else ():
        if isinstance(value, dict):
            keys += [k for k in list(value)[:8] if type(k) is kind]
    return keys


def same(a: Any, b: Any) -> bool:
    """Equal as the generated assertions compare: floats approximately, None and booleans by identity."""
    if a is None or isinstance(a, bool) or b is None or isinstance(b, bool):
        return a is b
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(b, (int, float)) and isinstance(a, (int, float)) and \
            math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and bool(a == b)


def same_seen(original: list[Any], other: list[Any]) -> bool:
    """Would the test pinning `original` pass on `other`? A call whose result is not pinned matches any answer
    that is not an exception."""
    if len(original) != len(other):
        return False
    for mine, theirs in zip(original, other, strict=True):
        if "opaque" in mine:
            if "raises" in theirs:
                return False
        elif not same(mine, theirs):
            return False
    return True


def in_child(work: Any, timeout_s: float = 10.0) -> Any:
    """`work()` in a forked child, so a mutant's side effects (module state, open files, memory) die with it.
    Returns what it returned (a small JSON value), or None when it crashed or ran out of time."""
    if not hasattr(os, "fork"):
        return work()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        code = 0
        try:
            result = work()
            os.write(write_end, json.dumps(result).encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    chunks = []
    end = time.monotonic() + timeout_s
    try:
        while True:
            ready, _, _ = select.select([read_end], [], [], max(end - time.monotonic(), 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)
    try:
        return json.loads(b"".join(chunks)) if chunks else None
    except ValueError:
        return None


SLOWEST = 3.0
_CLOCK_ORIGIN: list[float] = []


def budget_clock() -> float:
    """Exploration's clock, in seconds from its first reading: the CPU time this process and its finished children
    used, or a third of the time passed when that is more. A machine busy with other work slows exploration down
    without making it do less, so the same code gets the same tests, up to three times as slow."""
    times = os.times()
    cpu, wall = times.user + times.system + times.children_user + times.children_system, time.monotonic()
    if not _CLOCK_ORIGIN:
        _CLOCK_ORIGIN[:] = [cpu, wall]
    return max(cpu - _CLOCK_ORIGIN[0], (wall - _CLOCK_ORIGIN[1]) / SLOWEST)


def _opaque_only(seen: list[Any]) -> bool:
    """Nothing a test could assert: every call's answer unpinnable and no state to read."""
    return all("opaque" in s or s == {"state": {}} for s in seen)


def explore(module: types.ModuleType, rel: str, source: str, targets: list[tuple[str, str, Any]],
            budget_s: float) -> dict[str, Any]:
    """Kept scenarios for `targets` of one module, chosen by the mutants they kill, within `budget_s` seconds."""
    PACKAGE[:] = [module.__name__.split(".")[0]]
    return Explorer(module, rel, source, budget_clock() + budget_s).choose(targets)
