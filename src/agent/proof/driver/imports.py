"""Imports shared by every child: what the tests need from outside the repo, loaded once before forking."""

import importlib
import importlib.util
import os
import sys


def _preimport(names, root):
    """Import what the tests need from outside the repo; never a module of the repo itself."""
    for name in names:
        try:
            spec = importlib.util.find_spec(name.split(".")[0])
            origin = getattr(spec, "origin", None) or ""
            locations = list(getattr(spec, "submodule_search_locations", None) or [])
            if spec is None or any(os.path.realpath(p).startswith(root + os.sep) for p in [origin, *locations] if p):
                continue
            importlib.import_module(name)
        except BaseException:  # a module that fails here is imported (and fails) in the child
            continue


def _load_plugins():
    """pytest's entry-point plugins, loaded once (children run with --assert=plain, so nothing needs rewriting)."""
    try:
        from importlib.metadata import entry_points

        plugins = list(entry_points(group="pytest11"))
    except Exception:
        return
    for plugin in plugins:
        try:
            plugin.load()
        except BaseException:  # pytest reports a broken plugin itself, in the child
            continue


def _outside_modules(root):
    """Names of loaded modules that do not come from the repo's own code (its virtualenv counts as outside)."""
    names = []
    for name, module in list(sys.modules.items()):
        origin = getattr(module, "__file__", None)
        if not origin or name == "__main__":
            continue
        real = os.path.realpath(origin)
        if real.startswith(root + os.sep) and "site-packages" not in real.split(os.sep):
            continue
        if name.split(".")[0] == "coverage":  # the traced run's own tracer: no test needs it
            continue
        names.append(name)
    return names
