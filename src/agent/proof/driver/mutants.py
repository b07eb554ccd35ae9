"""Mutants: which tests to run against each (the lines they reach), swap or re-import, and the re-import
child: an import hook that serves the mutated source for the target file, nothing written to the repo."""

import importlib.abc
import importlib.machinery
import os
import sys
import types
from typing import Any

from .recorder import _pytest_args, _Recorder
from .state import IMPORT, _write


def _plan_mutants(spec, mapping, verdicts, swapping):
    """The per-mutant timeout, the swap jobs and the re-import jobs; unreached mutants get their verdict here."""
    reach = {path: {int(k): v for k, v in lines.items()} for path, lines in mapping["lines"].items()}
    # Focused tests (those reaching the fewest target lines) first: with -x, a killed mutant stops early.
    breadth: dict[str, int] = {}
    for lines in reach.values():
        for tests in lines.values():
            for test in tests:
                breadth[test] = breadth.get(test, 0) + 1
    eligible = set(spec["tests"])  # passed in the first run too: a mutant is only judged by tests that pass
    passing = sorted((t for t, outcome in mapping["outcomes"].items() if outcome == "passed" and t in eligible),
                     key=lambda t: breadth.get(t, 0))
    swaps, reimports = [], []
    for mutant in spec["mutants"]:
        tests = _tests_for(mutant, reach.get(mutant["path"], {}), passing)
        if not tests:
            verdicts[mutant["id"]] = {"status": "survived", "reason": "no new test reaches this line"}
        elif swapping and not mutant["module_level"] and _swappable(mutant):
            swaps.append(("swap", mutant["id"], tests))
        else:
            reimports.append(("mutant", mutant["id"], tests))
    # Longest first (most tests to run), so the last jobs to finish are short ones and no core idles at the end.
    swaps.sort(key=lambda job: -len(job[2]))
    reimports.sort(key=lambda job: len(job[2]))  # added to the front of the queue one by one: the longest ends first
    # A mutant that makes the tests run 5x longer than the unmutated run (at least 10 s) has hung them.
    timeout = spec["timeout"] or max(10.0, 5 * mapping.get("seconds", 0.0))
    return timeout, swaps, reimports


def _tests_for(mutant, lines, passing):
    first, last = mutant["lines"]
    hits = set()
    for line in range(first, last + 1):
        hits.update(lines.get(line, ()))
    if not hits:
        return []
    if mutant["module_level"] or IMPORT in hits:
        return list(passing)
    return [t for t in passing if t in hits]


class _MutantFinder(importlib.abc.MetaPathFinder):
    """Finds modules as the other finders do; for the target file, swaps in a loader that serves the mutant."""

    def __init__(self, path, source):
        self.path = os.path.realpath(path)
        self.source = source
        self.loaded = False

    def find_spec(self, fullname, path=None, target=None):
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is None:
                continue
            if spec.origin and os.path.realpath(spec.origin) == self.path:
                spec.loader = _MutantLoader(fullname, spec.origin, self)
            return spec
        return None


class _MutantLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, fullname, path, finder):
        super().__init__(fullname, path)
        self.finder = finder

    def get_code(self, fullname):
        self.finder.loaded = True
        return compile(self.finder.source, self.path, "exec", dont_inherit=True)


def _mutant(job, spec, out):
    import pytest

    _, mutant_id, tests = job
    mutant = next(m for m in spec["mutants"] if m["id"] == mutant_id)
    finder = _MutantFinder(mutant["abspath"], mutant["source"])
    sys.meta_path.insert(0, finder)
    recorder = _Recorder()
    # Plain asserts: a pass or a failure is all a mutant run needs, and modules the parent imported stay valid.
    code = int(pytest.main([*_pytest_args(tests), "-x", "--assert=plain", "--tb=line"], plugins=[recorder]))
    _write(out, {"job": mutant_id, "loaded": finder.loaded, "killed_by": recorder.failure, "tests": len(tests)})
    return code


def _code_objects(code, found=None):
    """Every code object inside `code`, by `co_qualname`."""
    found = {} if found is None else found
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found[const.co_qualname] = const
            _code_objects(const, found)
    return found


_SWAPPABLE: dict[int, bool] = {}
_ORIGINALS: dict[str, dict[str, Any]] = {}


def _swappable(mutant):
    """True when each function around the change exists in both versions with the same free variables."""
    if mutant["id"] not in _SWAPPABLE:
        _SWAPPABLE[mutant["id"]] = _same_functions(mutant)
    return _SWAPPABLE[mutant["id"]]


def _same_functions(mutant):
    if not mutant["scope"]:
        return False
    try:
        if mutant["abspath"] not in _ORIGINALS:
            with open(mutant["abspath"], encoding="utf-8") as handle:
                source = handle.read()
            _ORIGINALS[mutant["abspath"]] = _code_objects(compile(source, mutant["abspath"], "exec", dont_inherit=True))
        original = _ORIGINALS[mutant["abspath"]]
        mutated = _code_objects(compile(mutant["source"], mutant["abspath"], "exec", dont_inherit=True))
    except (OSError, SyntaxError, ValueError):
        return False
    return all(q in original and q in mutated and original[q].co_freevars == mutated[q].co_freevars
               for q in mutant["scope"])
