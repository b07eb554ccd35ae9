"""Runs inside the sandbox, in the repo (read-only): one interpreter, one forked child per mutant.

The child loads the mutated module from memory through an import hook, so no file is ever written.

Usage: python mutation_worker.py SPEC.json  (writes mutants-result.json next to SPEC.json)
Standard library only, plus pytest and the preloaded third-party packages of the code under test.
"""

import contextlib
import importlib
import importlib.abc
import importlib.util
import json
import os
import signal
import sys
import time


class MutantFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the mutated source for one module name; every other import is untouched."""

    def __init__(self, name, path, source):
        self.name, self.path, self.source = name, path, source

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        is_package = self.path.endswith("__init__.py")
        return importlib.util.spec_from_loader(fullname, self, origin=self.path, is_package=is_package)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self.path
        if self.path.endswith("__init__.py"):
            module.__path__ = [os.path.dirname(self.path)]
        exec(compile(self.source, self.path, "exec"), module.__dict__)


def run_child(mutant, tests):
    sys.meta_path.insert(0, MutantFinder(mutant["module"], os.path.abspath(mutant["file"]), mutant["source"]))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    import pytest

    code = pytest.main(["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", *tests])
    os._exit(int(code))


def main(spec_path):
    with open(spec_path, encoding="utf-8") as fh:
        spec = json.load(fh)
    sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), "src")]
    import pytest

    for name in spec["preload"]:
        # A package that fails to preload is simply imported by the child instead.
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    # Warm up: one collection imports pytest's plugins and everything the tests import. The repo's own modules
    # are then dropped again, so each child imports them afresh (and the mutant through the hook).
    root = os.getcwd()
    with contextlib.redirect_stdout(open(os.devnull, "w")):
        pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *spec["tests"]])
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(root + os.sep) or name.split(".")[0] in ("conftest", "tests", "test"):
            del sys.modules[name]
    results = []
    deadline = time.monotonic() + spec["budget"]
    for mutant in spec["mutants"]:
        if time.monotonic() > deadline:
            break
        pid = os.fork()
        if pid == 0:
            run_child(mutant, spec["tests"])
        verdict = None
        limit = time.monotonic() + spec["timeout"]
        while verdict is None:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                verdict = "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
            elif time.monotonic() > limit:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                verdict = "timed_out"
            else:
                time.sleep(0.01)
        results.append([mutant["label"], verdict])
    with open(spec["result"], "w", encoding="utf-8") as fh:
        json.dump({"results": results}, fh)


if __name__ == "__main__":
    main(sys.argv[1])
