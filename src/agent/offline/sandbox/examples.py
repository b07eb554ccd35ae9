"""The usage a project documents: fenced Python blocks in its README and `>>>` examples in its modules' docstrings.

Each example runs as written, statement by statement, in a forked child (twice, so only what repeats is kept).
What an expression statement gives is pinned: its value when it is a plain literal, else its `repr` when that
names no memory address; what a statement prints is pinned too. An example stops at its first statement that
raises; it is kept when something before that was pinned.
"""

import ast
import contextlib
import datetime
import decimal
import doctest
import functools
import io
import os
import re

from .explore import in_child, time_limit
from .workspace import ROOT, module_name, python_files, read

FENCED = re.compile(r"^```(?:python|py|python3)[ \t]*\n(.*?)^```", re.M | re.S)
MAX_EXAMPLES = 12
MAX_STATEMENTS = 40


def documented_examples():
    """[{"source", "module", "statements": [{"code", "value" | "repr" | none, "printed"?}]}] for the README's and
    the docstrings' examples that run and pin something."""
    out = []
    own_modules()  # walked here, once, not in each forked child
    for source, code in example_blocks():
        steps = in_child(lambda code=code: run(code), timeout_s=10)
        again = in_child(lambda code=code: run(code), timeout_s=10)
        if not steps or steps != again or not any(len(s) > 1 for s in steps):
            continue
        module = imported_module(code)
        if module is None:
            continue
        out.append({"source": source, "module": module, "statements": steps})
        if len(out) >= MAX_EXAMPLES:
            break
    return out


def example_blocks():
    """(where it is written, its code) for each README block and each docstring's examples, README first."""
    for name in sorted(os.listdir(ROOT)):
        if re.fullmatch(r"readme(\.md|\.markdown)?", name, re.I):
            with open(os.path.join(ROOT, name), encoding="utf-8", errors="replace") as fh:
                for n, match in enumerate(FENCED.finditer(fh.read()), 1):
                    yield f"{name}, example {n}", match.group(1)
    parser = doctest.DocTestParser()
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except (SyntaxError, ValueError):
            continue
        for node in [tree, *(n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                          ast.ClassDef)))]:
            text = ast.get_docstring(node, clean=True)
            if not text or ">>>" not in text:
                continue
            try:
                examples = parser.get_examples(text)
            except ValueError:
                continue
            where = module_name(rel) + ("" if node is tree else f".{getattr(node, 'name', '')}")
            code = "".join(e.source for e in examples)
            if "import " not in code:  # a docstring of the module's own names: import those it uses by name
                defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                     ast.ClassDef))}
                defined |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                            if isinstance(t, ast.Name)}
                defined |= {(a.asname or a.name).split(".")[0] for n in tree.body
                            if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names if a.name != "*"}
                used = sorted(defined & names_in(code))
                code = (f"from {module_name(rel)} import {', '.join(used)}\n" if used else "") + code
            yield f"the docstring of {where}", code


def names_in(code):
    """The names a piece of code reads (none when it does not parse)."""
    try:
        return {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


def documented_calls():
    """{callee name: [(positional literals, keyword literals)]} of the calls the examples make (`Poll("lunch",
    options=("pizza", "soup"))`, `poll.vote("ann", "pizza")`): values a reader of the docs would pass."""
    calls: dict[str, list[tuple[list, dict]]] = {}
    for _, code in example_blocks():
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else None
            args = [literal(a) for a in node.args]
            kwargs = {k.arg: literal(k.value) for k in node.keywords if k.arg}
            if name and (args or kwargs):
                calls.setdefault(name, []).append((args, kwargs))
    return calls


MISSING = object()
"""An argument the docs compute rather than write out."""


MADE = {"datetime": datetime.datetime, "date": datetime.date, "time": datetime.time,
        "timedelta": datetime.timedelta, "Decimal": decimal.Decimal}
"""Values the docs write as a call of a standard type (`datetime(2024, 1, 1, 9, 30)`, `Decimal("2.50")`)."""


def literal(node):
    """The value an argument writes out: a literal, or a standard type made from literals; else MISSING."""
    if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
        name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        args = [literal(a) for a in node.args]
        kwargs = {k.arg: literal(k.value) for k in node.keywords if k.arg}
        if name in MADE and MISSING not in args and MISSING not in kwargs.values():
            try:
                return MADE[name](*args, **kwargs)
            except (TypeError, ValueError, ArithmeticError):
                return MISSING
        return MISSING
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return MISSING


def imported_module(code):
    """The first module of the repo the example imports (its tests live beside that module's), or None."""
    own = own_modules()
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in tree.body:
        names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
            [a.name for a in node.names] if isinstance(node, ast.Import) else []
        for name in names:
            if name in own:
                return name
    return None


def run(code):
    """The example's statements as run: [{"code"}, plus "value"/"repr" and "printed" when it showed them], up to
    the first one that raises (with the name of what it raised)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    namespace = {"__name__": "__assay_example__"}
    steps = []
    for stmt in tree.body[:MAX_STATEMENTS]:
        text = ast.get_source_segment(code, stmt) or ast.unparse(stmt)
        step = {"code": text}
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed), time_limit(2.0):
                if isinstance(stmt, ast.Expr):
                    value = eval(compile(ast.Expression(stmt.value), "<example>", "eval"), namespace)
                    step.update(shown(value))
                else:
                    exec(compile(ast.Module(body=[stmt], type_ignores=[]), "<example>", "exec"), namespace)
        except Exception as exc:  # an example that stops here is kept up to here, with what it raised when
            if isinstance(exc, REFUSALS) or type(exc).__module__.split(".")[0] in own_packages():  # it refused
                steps.append({"code": text, "raises": type(exc).__name__})  # (no missing file, no network)
            break
        except BaseException:  # a timeout, an exit: kept up to the statement before
            break
        if 0 < len(printed.getvalue()) <= 500:  # a longer output is left unpinned, never pinned cut short
            step["printed"] = printed.getvalue()
        steps.append(step)
    return steps


REFUSALS = (ValueError, TypeError, LookupError, ArithmeticError)
"""What a library raises to refuse its input, as opposed to what the machine it runs on raises."""


@functools.cache
def own_modules():
    """The repo's own module names (the repo is walked once, not per example or per raised error)."""
    return frozenset(module_name(rel) for rel in python_files())


def own_packages():
    return {name.split(".")[0] for name in own_modules()}


def shown(value):
    """{"value": v} for what JSON carries, {"literal": text} for another literal (tuples, sets), {"repr": text} for a
    readable repr, {} for None or what cannot be pinned."""
    if value is None:
        return {}
    text = repr(value)
    if len(text) > 300 or re.search(r" at 0x[0-9a-f]+|<function |<bound method ", text):
        return {}
    try:
        literal = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return {"repr": text}
    if literal == value and plain(value):
        return {"value": value}
    return {"literal": text} if literal == value else {"repr": text}  # `[('pay', 'cart', 'paid')]`


def plain(value):
    """True for what JSON carries back unchanged: texts, numbers, booleans, lists and text-keyed dicts of them."""
    if isinstance(value, (str, int, bool)) or (isinstance(value, float) and value == value):
        return True
    if type(value) is list:
        return all(plain(v) for v in value)
    if type(value) is dict:
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    return False
