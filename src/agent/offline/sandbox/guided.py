"""Mutation-guided unit tests for plain modules: runs `explore` module by module and turns what it kept into the
inventory's functions and classes (cases the engine renders), with each module's mutant figures."""

import ast
import enum
import importlib
import inspect
import os
import re
from typing import Any

from .explore import budget_clock, explore
from .functions import annotation_kind, thresholds
from .workspace import ROOT, framework_class, import_module, module_name, python_files, read, repo_modules

EXPLORE_BUDGET_S = float(os.environ.get("ASSAY_EXPLORE_BUDGET_S", "20"))


def has_mutants():
    """Whether the runtime's mutant maker was bundled with this script (exploration needs it)."""
    try:
        importlib.import_module(f"{__package__}.mutants")
    except ImportError:
        return False
    return True


def named_words():
    return set(os.environ.get("ASSAY_PROBE_NAMED", "").lower().split())


def named_modules(app_files):
    """Plain modules the request names (`ASSAY_PROBE_NAMED`: its words), other than the app's own files: beside
    an app they get unit tests of their own (a signature check, a pricing module). A module that defines a class
    the request names (`the Quantity class`) is one too, the app's own included: only that class is explored."""
    words = named_words()
    if not words:
        return []
    found = []
    for rel in python_files():
        stem = rel[:-3].replace(os.sep, "/")
        if os.path.basename(stem) == "__main__":
            continue
        if (named_stem(rel) and rel not in app_files and os.path.basename(stem) != "__init__") or \
                named_classes(parsed(rel)):
            found.append(rel)
    return found


def named_stem(rel):
    """Whether the request names the module `rel` itself (`pricing.py`, `lib/pricing`, `pricing`)."""
    stem = rel[:-3].replace(os.sep, "/").lower()
    return bool({rel.lower(), stem, os.path.basename(stem)} & named_words())


PURE = {"__future__", "typing", "dataclasses", "decimal", "fractions", "math", "re", "datetime", "enum", "functools",
        "itertools", "collections", "string", "statistics", "bisect", "heapq", "operator", "abc", "numbers", "uuid",
        "hashlib", "hmac", "base64", "json", "textwrap", "unicodedata", "zoneinfo", "calendar", "copy"}
"""Standard modules that compute and touch nothing outside the process (no files, sockets, environment)."""


def plain_helpers(app_files, limit=3):
    """The app's own plain modules its code has imported: computing modules of the standard library only, no
    framework, no database, no environment (a money module, a date rule). Their rules sit behind the routes; a
    maintainer tests them directly too."""
    found = []
    for _name, module in repo_modules():
        path = getattr(module, "__file__", "") or ""
        rel = os.path.relpath(path, ROOT).replace(os.sep, "/")
        if rel in app_files or not rel.endswith(".py") or os.path.basename(rel) in ("__init__.py", "__main__.py"):
            continue
        try:
            tree = ast.parse(read(rel))
        except (OSError, SyntaxError):
            continue
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     and node.module and not node.level}
        public = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef)) and not n.name.startswith("_")]
        if public and imported <= PURE and not any(
                isinstance(node, ast.ImportFrom) and node.level for node in ast.walk(tree)):
            found.append((len(public), rel))
    return [rel for _, rel in sorted(found, key=lambda f: (-f[0], f[1]))[:limit]]


def parsed(rel):
    try:
        return ast.parse(read(rel))
    except SyntaxError:
        return ast.Module(body=[], type_ignores=[])


def named_classes(tree):
    """The classes a module defines at its top level whose names the request writes (`the Quantity class`)."""
    asked = os.environ.get("ASSAY_PROBE_REQUEST", "")  # as written: `Discount`, not the "discounts" a route serves
    return {n.name for n in tree.body if isinstance(n, ast.ClassDef) and re.search(rf"\b{n.name}\b", asked)}


def explored(functions, found_classes, only=None, whole=()):
    """Functions and classes with their cases chosen by the mutants they kill (see `explore`), module by
    module (all plain modules, or the files in `only`); whatever exploration cannot improve keeps what the plain
    characterisation found."""
    if not has_mutants():
        return functions, found_classes
    files = []
    for rel in python_files() if only is None else only:
        source = read(rel)
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        defs = {n.name: n for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))
                and not n.name.startswith("_")}
        if only is not None and rel not in whole and not named_stem(rel):
            classes = named_classes(tree)
            defs = {name: node for name, node in defs.items() if name in classes}  # that class alone
        if defs:
            files.append((rel, source, defs))
    if not files:
        return functions, found_classes
    by_name = {(f["file"], f["name"]): f for f in functions}
    by_class = {(c["file"], c["name"]): c for c in found_classes}
    deadline = budget_clock() + EXPLORE_BUDGET_S
    for position, (rel, source, defs) in enumerate(files):
        left = deadline - budget_clock()
        if left <= 0.5:
            break
        try:
            module = import_module(module_name(rel))
        except BaseException:
            continue
        targets: list[tuple[str, str, Any]] = []
        for name in defs:
            obj = getattr(module, name, None)
            if getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isclass(obj) and not issubclass(obj, (BaseException, enum.Enum)) and not framework_class(obj):
                targets.append(("class", name, obj))
            elif inspect.isfunction(obj):
                targets.append(("function", name, obj))
        if not targets:
            continue
        try:
            result = explore(module, rel, source, targets, left / (len(files) - position))
        except Exception:
            continue
        for kind, name, obj in targets:
            kept, imports = importable(result["kept"].get(name) or [], module)
            if not kept:
                continue
            if kind == "function":
                params = [p for p in inspect.signature(obj).parameters.values()  # keyword-only ones go by name
                          if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY,
                                                                                   p.POSITIONAL_OR_KEYWORD)]
                entry = by_name.get((rel, name))
                if entry is None:
                    entry = {"module": module_name(rel), "file": rel, "name": name,
                             "params": [p.name for p in params], "kinds": [annotation_kind(p.annotation) or "plain"
                                                                          for p in params],
                             "thresholds": thresholds(defs[name]),
                             "doc": (obj.__doc__ or "").strip().splitlines()[0] if obj.__doc__ else ""}
                    functions.append(entry)
                    by_name[(rel, name)] = entry
                entry["cases"] = [function_case(k, entry["params"]) for k in kept  # each required argument given
                                  if all(p in k["candidate"]["args"] for p in entry["params"])]
                entry["explored"] = True
                entry["imports"] = imports
                entry["whole"] = rel in whole  # a helper module tested whole, whatever the request names
            else:
                entry = by_class.get((rel, name))
                if entry is None:
                    entry = {"module": module_name(rel), "file": rel, "name": name, "specs": []}
                    found_classes.append(entry)
                    by_class[(rel, name)] = entry
                entry["scenarios"] = explored_scenarios(kept)
                entry["explored"] = True
                entry["imports"] = imports
        for entry in [*functions, *found_classes]:
            if entry["file"] == rel and entry.get("explored"):
                entry["mutants"] = {"killed": result["killed"], "survived": result["survived"]}
    return functions, found_classes


def pinned_objects(value, found):
    """Names of the objects (dataclass instances) an observation pins; the test rebuilds them."""
    if isinstance(value, dict):
        if "__object__" in value:
            found.add(value["__object__"].split(".")[0])  # `Fraction.of(...)` needs `Fraction`
        for item in value.values():
            pinned_objects(item, found)
    elif isinstance(value, list):
        for item in value:
            pinned_objects(item, found)
    return found


def reachable_errors(seen, module):
    """`seen` with each error the test could not import from `module` (`decimal.InvalidOperation` raised inside
    it) named by its nearest built-in base class instead (`ArithmeticError`)."""
    if isinstance(seen, list):
        return [reachable_errors(s, module) for s in seen]
    if not isinstance(seen, dict) or "raises_builtin" not in seen:
        return seen
    out = {k: v for k, v in seen.items() if k != "raises_builtin"}
    raised = getattr(module, seen["raises"], None)
    if seen.get("raises_module") != "builtins" and not (
            isinstance(raised, type) and raised.__module__ == seen.get("raises_module")):
        out.update(raises=seen["raises_builtin"], raises_module="builtins")
    return out


def importable(kept, module):
    """The kept items whose pinned objects the test can import from `module`, and those names."""
    usable, names = [], set()
    kept = [dict(item, seen=reachable_errors(item["seen"], module)) for item in kept]
    for item in kept:
        used = pinned_objects([item["seen"], item["candidate"]], set())
        if all(hasattr(module, n) for n in used):  # a class, the function that makes one, or one the module holds
            usable.append(item)
            names |= used
    return usable, sorted(names)


def tagged(value):
    """`value` with its tuples marked as such: JSON would make them lists, and a test must send a tuple."""
    if type(value) is tuple:
        return {"__tuple__": [tagged(v) for v in value]}
    if type(value) is list:
        return [tagged(v) for v in value]
    return value


def function_case(kept, params):
    given = kept["candidate"]["args"]
    case = {"args": [tagged(given[p]) for p in params],
            "kwargs": {k: tagged(v) for k, v in given.items() if k not in params}}
    seen = kept["seen"][0]
    if "raises" in seen:
        return {**case, **{k: seen[k] for k in ("raises", "raises_module", "message") if k in seen}}
    if "returns" not in seen:
        return {**case, "called": True}
    return {**case, "returns": seen["returns"]}


def explored_scenarios(kept):
    """Scenarios in the form the engine renders: constructor arguments, steps with what each call answered, and
    the state at the end."""
    scenarios: list[dict[str, Any]] = []
    names: dict[str, int] = {}
    for item in kept:
        candidate, seen = item["candidate"], list(item["seen"])
        scenario = {"init": candidate["init"], "clock": candidate.get("clock"), "steps": [], "state": {},
                    **({"factory": candidate["factory"]} if candidate.get("factory") else {})}
        if len(seen) == 1 and "raises" in seen[0]:
            scenario["raises"] = seen[0]
            label = "rejected"
        else:
            scenario["state"] = seen.pop()["state"]
            calls = iter(seen)
            for step in candidate["steps"]:
                if "advance" in step:
                    scenario["steps"].append({"advance": step["advance"]})
                    continue
                observed = next(calls)
                entry = {"method": step["method"], "kwargs": step["args"]}
                entry.update({k: v for k, v in observed.items() if k != "opaque"})
                scenario["steps"].append(entry)
            methods = list(dict.fromkeys(s["method"].strip("_") for s in scenario["steps"] if "method" in s))
            label = "_then_".join(methods[:3]) if methods else "new"
        names[label] = names.get(label, 0) + 1
        scenario["name"] = label if names[label] == 1 else f"{label}_{names[label]}"
        scenarios.append(scenario)
    return scenarios
