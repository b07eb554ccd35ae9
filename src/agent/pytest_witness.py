"""The runtime's witness inside a pytest run (copied into the sandbox as `assay_witness.py`, loaded with `-p`).

`-p` plugins are imported before any conftest, test module or `pytest_plugins` entry, so the witness
sees pytest before repo code can touch it. It records, as JSON lines in the file `ASSAY_WITNESS`
names, each tagged with a nonce read from stdin at import (repo code never sees stdin then):

- `item`: every collected test, before any `pytest_collection_modifyitems` can drop it;
- `report`: per test phase, the exception the phase raised (`call.excinfo` before any report hook
  runs, and what the test function raised beneath any `pytest_runtest_call` wrapper) and the
  outcome of the report that pytest made of it;
- `hooks`: every implementation of a hook that can decide or rewrite a result, with its source file;
- `internals`: pytest and pluggy functions replaced since the witness was imported;
- `end`: the session finished (absent when the process was ended early).

The runtime (`agent.integrity`) compares these with the JUnit report. Repo code runs in the same
process, so this is a tripwire, not a boundary: the static scan of what the run wrote backs it up.
Self-contained on purpose: it runs under the repo's own interpreter and pytest.
"""

from __future__ import annotations

import json
import os
import site
import sys
import sysconfig
import unittest
from typing import IO, Any

import pytest

RESULT_HOOKS = (
    "pytest_runtest_protocol", "pytest_runtest_makereport", "pytest_report_teststatus", "pytest_runtest_logreport",
    "pytest_runtest_call", "pytest_pyfunc_call", "pytest_runtestloop", "pytest_make_collect_report",
    "pytest_collectreport", "pytest_pycollect_makeitem", "pytest_sessionfinish", "pytest_unconfigure",
    "pytest_terminal_summary", "pytest_collection_modifyitems", "pytest_deselected", "pytest_runtest_setup",
    "pytest_runtest_teardown",
)
_INTERNALS = (
    "_pytest.runner.call_and_report", "_pytest.runner.call_runtest_hook", "_pytest.runner.runtestprotocol",
    "_pytest.runner.pytest_runtest_makereport", "_pytest.runner.pytest_runtest_call",
    "_pytest.runner.CallInfo.from_call",
    "_pytest.reports.TestReport.from_item_and_call", "_pytest.reports.BaseReport.passed",
    "_pytest.reports.BaseReport.failed", "_pytest.python.pytest_pyfunc_call", "_pytest.python.Function.runtest",
    "_pytest.junitxml.LogXML.pytest_runtest_logreport", "_pytest.junitxml.LogXML.pytest_sessionfinish",
    "_pytest.junitxml._NodeReporter.append_failure", "_pytest.main.Session.pytest_runtest_logreport",
    "_pytest.skipping.pytest_runtest_makereport", "_pytest.terminal.TerminalReporter.pytest_runtest_logreport",
    "pluggy._callers._multicall", "pluggy._manager.PluginManager._hookexec",
)


def _resolve(dotted: str) -> Any:
    """The object `dotted` names, read without triggering descriptors (a classmethod stays itself)."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is None:
            try:
                module = __import__(".".join(parts[:cut]), fromlist=["_"])
            except ImportError:
                continue
        obj: Any = module
        for name in parts[cut:]:
            obj = vars(obj).get(name) if isinstance(obj, type) else getattr(obj, name, None)
            if obj is None:
                return None
        return obj
    return None


def _identity(obj: Any) -> tuple[int, int]:
    func = getattr(obj, "__func__", None) or getattr(obj, "fget", None) or obj
    return id(func), id(getattr(func, "__code__", None))


def _trusted_roots() -> list[str]:
    roots = {p for k, p in sysconfig.get_paths().items() if k in ("stdlib", "platstdlib", "purelib", "platlib")}
    try:
        roots.update(site.getsitepackages())
        roots.add(site.getusersitepackages())
    except AttributeError:  # a virtualenv's old site module
        pass
    return sorted(os.path.realpath(r) for r in roots if r)


class Witness:
    """The plugin object; `-p assay_witness` registers the module, whose hooks delegate here."""

    def __init__(self) -> None:
        # An xdist worker's stdin is /dev/null (execnet moved its channel): it gets both from the controller.
        self._nonce = sys.stdin.readline().strip() if sys.stdin is not None else ""
        self._path = os.environ.pop("ASSAY_WITNESS", "")
        self._out: IO[str] | None = None
        self._open()
        self._internals = {name: _identity(_resolve(name)) for name in _INTERNALS}
        self._raised: dict[str, str] = {}
        self._roots = _trusted_roots()

    def _open(self) -> None:
        if self._path and self._nonce and self._out is None:
            self._out = open(self._path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115

    def handed(self) -> dict[str, str]:
        return {"nonce": self._nonce, "path": self._path}

    def take(self, handed: dict[str, str]) -> None:
        self._nonce, self._path = handed.get("nonce", ""), handed.get("path", "")
        self._open()

    def write(self, kind: str, **fields: Any) -> None:
        if self._out is not None:
            self._out.write(json.dumps({"n": self._nonce, "k": kind, **fields}) + "\n")

    def replaced(self) -> list[str]:
        return [name for name, ident in self._internals.items() if _identity(_resolve(name)) != ident]

    def hooks(self, config: pytest.Config) -> None:
        impls = []
        for hook in RESULT_HOOKS:
            caller = getattr(config.pluginmanager.hook, hook, None)
            for impl in caller.get_hookimpls() if caller is not None else []:
                code = getattr(impl.function, "__code__", None)
                file = os.path.realpath(code.co_filename) if code is not None else "<unknown>"
                impls.append({"hook": hook, "plugin": impl.plugin_name, "file": file,
                              "line": code.co_firstlineno if code is not None else 0,
                              "wrapper": bool(impl.hookwrapper or getattr(impl, "wrapper", False)),
                              "installed": any(file.startswith(root + os.sep) for root in self._roots)})
        self.write("hooks", impls=impls)

    def note_raised(self, item: pytest.Item, excinfo: Any) -> None:
        if excinfo is not None and not _is_skip(excinfo[0]):
            self._raised[item.nodeid] = excinfo[0].__name__

    def report(self, item: pytest.Item, call: Any, raw: str | None, report: Any) -> None:
        swallowed = self._raised.pop(item.nodeid, None) if call.when == "call" else None
        self.write("report", id=item.nodeid, when=call.when, raw=raw, swallowed=swallowed if raw is None else None,
                   final=getattr(report, "outcome", None), xfail=hasattr(report, "wasxfail"))
        changed = self.replaced()
        if changed:
            self.write("internals", changed=changed)


def _is_skip(kind: type) -> bool:
    return issubclass(kind, (pytest.skip.Exception, pytest.xfail.Exception, unittest.SkipTest))


_witness = Witness()


def pytest_configure(config: pytest.Config) -> None:
    handed = getattr(config, "workerinput", {}).get("assay_witness")
    if handed:
        _witness.take(handed)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    node.workerinput["assay_witness"] = _witness.handed()


def pytest_itemcollected(item: pytest.Item) -> None:
    _witness.write("item", id=item.nodeid)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> Any:
    yield
    _witness.hooks(session.config)


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    # Innermost wrapper: what the test itself raised, before any outer wrapper can swallow it.
    outcome = yield
    _witness.note_raised(item, outcome.excinfo)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Any:
    # Outermost wrapper: the phase's exception before any report hook runs, the report after them all.
    excinfo = call.excinfo
    raw = None if excinfo is None or _is_skip(excinfo.type) else excinfo.type.__name__
    outcome = yield
    _witness.report(item, call, raw, outcome.get_result())


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> Any:
    _witness.hooks(session.config)
    yield
    _witness.write("internals", changed=_witness.replaced())
    if not hasattr(session.config, "workerinput"):  # the controller's end is the session's end
        _witness.write("end", testsfailed=session.testsfailed)
