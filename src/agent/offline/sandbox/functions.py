"""Pure functions of plain modules: typical arguments, observed results and exceptions, and the functions
that cannot be called without fixtures (with why)."""

import ast
import datetime
import inspect
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .workspace import import_module, module_name, python_files, read

# The first value is the base call; each other value varies one argument. 100 reaches caps and limits; a
# half-cent makes money code say how it rounds.
TYPICAL: dict[str, list[Any]] = {
    "int": [2, 0, -1, 100], "float": [2.5, 0.0, -1.0, 100.0], "str": ["abc", ""], "bool": [True, False],
    "Decimal": [Decimal("2.345"), Decimal("0"), Decimal("-1"), Decimal("100")],
    "Fraction": [Fraction(1, 2), Fraction(0), Fraction(-1), Fraction(100)]}


class Double:
    """A stand-in function handed to code that takes one (`retry(fn)`, `breaker.call(fn)`): it answers "ok" or
    raises ValueError("failed"), whatever it is called with. Tests define it by the same name."""

    def __init__(self, name, fails):
        self.name, self.fails = name, fails

    def __call__(self, *args, **kwargs):
        if self.fails:
            raise ValueError("failed")
        return "ok"

    def __repr__(self):
        return self.name


DOUBLES = [Double("returns_ok", False), Double("raises_error", True)]


TAGGED = (Decimal, Fraction, bytes, datetime.date, datetime.timedelta, Double)
"""Values that travel as tagged JSON objects (`encode`) and come back as literals in the tests."""


def encode(value):
    """JSON for the values the probe passes and pins: Decimals are tagged so tests can rebuild them exactly."""
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    if isinstance(value, Fraction):
        return {"__fraction__": [value.numerator, value.denominator]}
    if isinstance(value, bytes):
        return {"__bytes__": value.decode("latin-1")}
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, datetime.timedelta):
        return {"__timedelta__": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, Double):
        return {"__double__": value.name}
    raise TypeError(f"{type(value).__name__} is not a plain value")


def pure_functions(limit=40):
    out = []
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except SyntaxError:
            continue
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
        names = list(defs)
        if not names:
            continue
        try:
            module = import_module(module_name(rel))
        except BaseException:
            continue
        for name in names:
            func = getattr(module, name, None)
            if not inspect.isfunction(func):
                continue
            params = list(inspect.signature(func).parameters.values())
            kinds = [annotation_kind(p.annotation) for p in params]
            if not params or None in kinds or len(params) > 4:
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name,
                                   "reason": uncallable_reason(params, kinds)})
                continue
            cases = []
            base = [TYPICAL[k][0] for k in kinds]
            variants = [list(base)]
            for i, kind in enumerate(kinds):
                for value in TYPICAL[kind][1:]:
                    args = list(base)
                    args[i] = value
                    variants.append(args)
            opaque = set()
            positional = len([p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])
            for values in variants:  # keyword-only parameters (after `*`) are passed by name
                args, kwargs = values[:positional], {p.name: v for p, v in zip(params[positional:],
                                                                                 values[positional:], strict=True)}
                called = {"args": args, **({"kwargs": kwargs} if kwargs else {})}
                try:
                    value = func(*args, **kwargs)
                except (TypeError, ValueError, ZeroDivisionError, KeyError, ArithmeticError) as exc:
                    cases.append({**called, "raises": type(exc).__name__, "message": str(exc)[:80]})
                    continue
                try:
                    json.dumps(value, default=encode)
                except (TypeError, ValueError):
                    opaque.add(type(value).__name__)  # a connection, a client...: nothing literal to pin
                    continue
                cases.append({**called, "returns": value})
            if not cases:
                why = f"it returns {', '.join(sorted(opaque))} objects, not plain values"
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name, "reason": why})
                continue
            out.append({"module": module_name(rel), "file": rel, "name": name,
                        "params": [p.name for p in params[:positional]], "kinds": kinds[:positional], "cases": cases,
                        "thresholds": thresholds(defs[name]),
                        "doc": (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""})
            if len(out) >= limit:
                return out
    return out


def plain(value):
    try:
        json.dumps(value, default=encode)
    except (TypeError, ValueError):
        return False
    return True


def thresholds(node):
    """Numbers the function compares against or caps with: the boundaries a good test pins."""
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Compare) or (isinstance(sub, ast.Call) and getattr(sub.func, "id", "") in
                                              ("min", "max")):
            for leaf in ast.walk(sub):
                if isinstance(leaf, ast.Constant) and type(leaf.value) in (int, float) and leaf.value not in (0, 1):
                    found.add(leaf.value)
    return sorted(found)


UNCALLABLE: list[dict[str, Any]] = []
"""Public functions the probe could not call with typical values, and why (filled by pure_functions)."""


def uncallable_reason(params, kinds):
    if not params:
        return "it takes no arguments, so there is nothing to vary"
    if len(params) > 4:
        return f"it takes {len(params)} arguments"
    needs = [f"{p.name}: {type_label(p.annotation)}" for i, p in enumerate(params) if kinds[i] is None]
    return "it needs arguments the offline engine cannot build (" + ", ".join(needs) + ")"


def type_label(annotation):
    if annotation is inspect.Parameter.empty:
        return "no annotation"
    if isinstance(annotation, type):
        module = annotation.__module__
        return annotation.__qualname__ if module == "builtins" else f"{module}.{annotation.__qualname__}"
    return str(annotation)


def annotation_kind(annotation):
    names = {int: "int", float: "float", str: "str", bool: "bool", "int": "int", "float": "float", "str": "str",
             "bool": "bool", Decimal: "Decimal", "Decimal": "Decimal", "decimal.Decimal": "Decimal",
             Fraction: "Fraction", "Fraction": "Fraction", "fractions.Fraction": "Fraction"}
    return names.get(annotation)
