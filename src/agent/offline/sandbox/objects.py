"""Classes of plain modules: build objects from typed or defaulted parameters, run method scenarios, and
record returns, state snapshots and exception types."""

import ast
import inspect
import itertools
import json
import re
from typing import Any

from .functions import TYPICAL, UNCALLABLE, annotation_kind, encode, plain, type_label
from .workspace import framework_class, import_module, module_name, python_files, read

CLOCK_NAMES = re.compile(r"clock|time|now|timer")
INDEX_NAMES = re.compile(r"^(index|idx|position|pos|i)$")


def kind_of(annotation):
    """The plain kind of an annotation, taking the first usable member of a union (`Decimal | str`)."""
    if isinstance(annotation, str):
        for part in annotation.split("|"):
            kind = annotation_kind(part.strip())
            if kind:
                return kind
        return "callable" if annotation.strip().startswith(("Callable", "typing.Callable")) else None
    kind = annotation_kind(annotation)
    if kind:
        return kind
    for member in getattr(annotation, "__args__", ()) or ():
        kind = annotation_kind(member)
        if kind:
            return kind
    if "Callable" in str(annotation):
        return "callable"
    return None


def argument(param, kind):
    """A typical value for one parameter: index-like names get 0, everything else the first typical value."""
    if kind == "int" and INDEX_NAMES.match(param.name.lower()):
        return 0
    return TYPICAL[kind][0]


class FakeClock:
    """The clock a test hands an object that takes one: time moves only when the test says."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def construct(cls):
    """(object, argument specs, clock) for `cls` built from typed or defaulted parameters, or (None, reason, None)."""
    try:
        params = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return None, "its constructor has no readable signature", None
    args: list[Any] = []
    specs: list[dict[str, Any]] = []
    clock = None
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        kind = kind_of(param.annotation)
        if kind == "callable" and CLOCK_NAMES.search(param.name.lower()):
            clock = FakeClock()
            specs.append({"name": param.name, "clock": True})
            continue
        if param.default is not inspect.Parameter.empty:
            continue
        if kind in TYPICAL:
            value = argument(param, kind)
            args.append(value)
            specs.append({"name": param.name, "value": value})
            continue
        return None, f"it needs {param.name} ({type_label(param.annotation)})", None
    kwargs = {s["name"]: clock for s in specs if s.get("clock")}
    try:
        obj = cls(*args, **kwargs)
    except Exception as exc:
        return None, f"building it raised {type(exc).__name__}", None
    return obj, specs, clock


def public_methods(cls):
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        params = list(inspect.signature(member).parameters.values())[1:]
        kinds = [kind_of(p.annotation) for p in params if p.default is inspect.Parameter.empty]
        if None in kinds or "callable" in kinds or len(params) > 4:
            continue
        out.append((name, [p for p in params if p.default is inspect.Parameter.empty], kinds))
    return out


def snapshot(obj, cls):
    """Public properties and plain instance attributes: the observable state."""
    state = {}
    for name in sorted(dir(cls)):
        if name.startswith("_") or not isinstance(getattr(cls, name, None), property):
            continue
        try:
            value = getattr(obj, name)
        except Exception as exc:
            state[name] = {"raises": type(exc).__name__}
            continue
        if plain(value):
            state[name] = {"value": value}
    for name, value in sorted(vars(obj).items()) if hasattr(obj, "__dict__") else ():
        if not name.startswith("_") and plain(value) and name not in state:
            state[name] = {"value": value}
    return state


def step(obj, name, params, kinds):
    args = [argument(p, k) for p, k in zip(params, kinds, strict=True)]
    try:
        value = getattr(obj, name)(*args)
    except Exception as exc:
        return {"method": name, "args": args, "raises": type(exc).__name__, "raises_module": type(exc).__module__}
    return {"method": name, "args": args, "returns": value} if plain(value) else {"method": name, "args": args}


def exercise(cls):
    """Scenarios for one class: each method three times on a fresh object (and once more after the clock moves),
    and the methods in declaration order, with the state after each scenario."""
    methods = public_methods(cls)
    scenarios = []
    obj, specs, clock = construct(cls)
    if obj is None:
        return None, specs
    scenarios.append({"name": "new", "steps": [], "state": snapshot(obj, cls)})
    for name, params, kinds in methods:
        obj, _, clock = construct(cls)
        steps = [step(obj, name, params, kinds) for _ in range(3)]
        if clock is not None:
            for advance in [*[v["value"] for v in specs if type(v.get("value")) in (int, float)][-1:], 1000.0]:
                clock.now += advance
                steps.append(dict(step(obj, name, params, kinds), advance=advance))
        scenarios.append({"name": f"{name}_repeated", "steps": steps, "state": snapshot(obj, cls)})
    initial = scenarios[0]["state"]
    seed = next((methods[i] for i, sc in enumerate(scenarios[1:]) if "raises" not in sc["steps"][0]
                 and (sc["state"] != initial or len({json.dumps(st, default=encode) for st in
                                                     [dict(x, advance=None) for x in sc["steps"][:3]]}) > 1)), None)
    if seed is not None:
        others = [m for m in methods if m is not seed]
        sequences = [[seed, m] for m in others] + [[seed, *pair] for pair in itertools.pairwise(others)]
        for sequence in sequences[:12]:
            obj, _, clock = construct(cls)
            steps = [step(obj, name, params, kinds) for name, params, kinds in sequence]
            scenarios.append({"name": "_then_".join(m[0] for m in sequence), "steps": steps,
                              "state": snapshot(obj, cls)})
    return {"specs": specs, "scenarios": scenarios}, None


def classes(limit=8):
    """Public classes of the repo's plain modules, exercised (see `exercise`)."""
    out = []
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
            module = import_module(module_name(rel))
        except BaseException:
            continue
        names = [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]
        for name in names:
            cls = getattr(module, name, None)
            if not inspect.isclass(cls) or issubclass(cls, BaseException) or not public_methods(cls) or \
                    framework_class(cls):
                continue
            found, why = exercise(cls)
            if found is None:
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name, "reason": why})
                continue
            out.append(dict(found, module=module_name(rel), file=rel, name=name))
            if len(out) >= limit:
                return out
    return out
