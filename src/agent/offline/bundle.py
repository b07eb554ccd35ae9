"""Turn a package of in-sandbox modules into ONE self-contained script, for a single `run_command` heredoc.

The script carries every module's source in a dict, installs a meta-path finder/loader that serves them under a
private package name (so nothing clashes with the target repo's own modules), then runs the entry module's
`main(*argv)` (the script's own arguments). It needs only the standard library, so it runs under the
repo's own interpreter (`python -I` too).
Bundles are built from the installed package files (`importlib.resources`), once per process.
"""

from __future__ import annotations

import functools
from importlib.resources import files

BUNDLE_PACKAGE = "_assay_sandbox"
"""The name the bundled modules are imported under inside the sandbox."""

_LOADER = '''
import importlib
import importlib.abc
import importlib.util
import sys


class _BundleImporter(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves the bundled modules from _SOURCES (a package plus its submodules)."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname == _PACKAGE:
            return importlib.util.spec_from_loader(fullname, self, origin="<assay-bundle>", is_package=True)
        prefix, _, short = fullname.rpartition(".")
        if prefix == _PACKAGE and short in _SOURCES:
            return importlib.util.spec_from_loader(fullname, self, origin=f"<assay-bundle>/{short}.py")
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        short = "__init__" if module.__name__ == _PACKAGE else module.__name__.rpartition(".")[2]
        exec(compile(_SOURCES.get(short, ""), f"<assay-bundle>/{short}.py", "exec"), module.__dict__)


sys.meta_path.insert(0, _BundleImporter())
importlib.import_module(_PACKAGE + "." + _ENTRY).main(*sys.argv[1:])
'''


@functools.cache
def bundle(package: str, entry: str, extras: tuple[tuple[str, str], ...] = ()) -> str:
    """The one-file script that runs `package`'s module `entry` (its `main(*argv)`); `package` holds flat modules.
    `extras` ((package, module) pairs, standard library only) are bundled beside them under their own short names:
    the runtime's mutant maker, for one."""
    root = files(package)
    sources = {item.name.removesuffix(".py"): item.read_text(encoding="utf-8")
               for item in sorted(root.iterdir(), key=lambda i: i.name)
               if item.is_file() and item.name.endswith(".py")}
    for extra_package, module in extras:
        if module in sources:
            raise ValueError(f"{package} already has a module {module!r}")
        sources[module] = files(extra_package).joinpath(f"{module}.py").read_text(encoding="utf-8")
    if entry not in sources:
        raise ValueError(f"{package} has no module {entry!r} to run")
    lines = [f'"""assay: {package}.{entry}, bundled (generated; do not edit)."""',
             f"_PACKAGE = {BUNDLE_PACKAGE!r}", f"_ENTRY = {entry!r}", "_SOURCES = {"]
    lines += [f"    {name!r}: {text!r}," for name, text in sources.items()]
    lines.append("}")
    return "\n".join(lines) + "\n" + _LOADER
