"""Where the probe works: the repo root, the scratch folder it runs in, walking and importing the repo's files."""

import atexit
import contextlib
import os
import re
import shutil
import sys
import tempfile

ROOT = os.getcwd()
SKIP_DIRS = {".git", ".venv", "venv", "env", "node_modules", "__pycache__", ".assay", "build", "dist", "tests", "test",
             "site-packages", ".tox", ".mypy_cache", ".pytest_cache", "docs", "examples", "migrations"}
ROLE_WORDS = ("admin", "customer", "user", "member", "staff", "viewer", "editor", "owner", "reader", "writer")
APP_FACTORIES = ("create_app", "make_app", "build_app", "app_factory", "get_app")
WORK = tempfile.mkdtemp(prefix="assay-discover-")
OWNER = os.getpid()


@atexit.register
def _remove_work() -> None:
    """The scratch folder goes when the probe ends (a forked child leaves it to its parent)."""
    if os.getpid() == OWNER:
        shutil.rmtree(WORK, ignore_errors=True)


def unsynced_sqlite():
    """SQLite files the probe's apps open skip waiting for the disk on each commit (`PRAGMA synchronous=OFF`): the
    probe makes hundreds of throw-away databases and a crash loses nothing it needs; what the app reads back is
    the same."""
    import sqlite3
    import sqlite3.dbapi2

    plain = sqlite3.connect

    def connect(*args, **kwargs):
        conn = plain(*args, **kwargs)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("PRAGMA synchronous=OFF")
        return conn

    sqlite3.connect = sqlite3.dbapi2.connect = connect


CLIENTS = contextlib.ExitStack()
SETUPS = iter(range(3, 10**6))
"""Tags that make each setup record distinct (unique keys, unique names)."""


def walk(keep, skip=SKIP_DIRS):
    """Repo-relative paths of the files whose name `keep` accepts, outside `skip` and hidden folders."""
    for base, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if keep(name):
                yield os.path.relpath(os.path.join(base, name), ROOT).replace(os.sep, "/")


def is_test_name(name):
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def python_files():
    """The repo's own modules: no tests, no conftest, no build scripts."""
    return walk(lambda name: name.endswith(".py") and not is_test_name(name)
                and name not in ("conftest.py", "setup.py", "noxfile.py"))


def module_name(rel):
    parts = rel[:-3].split("/")
    if parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8", errors="replace") as fh:
        return fh.read()


def import_module(name):
    import importlib
    return importlib.import_module(name)


def repo_modules():
    """The repo's own imported modules (not the interpreter's nor a virtualenv's)."""
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(ROOT + os.sep) and not re.search(r"[/\\](site-packages|\.?venv|\.tox)[/\\]", path):
            yield name, module


FRAMEWORKS = {"flask", "werkzeug", "starlette", "fastapi", "django", "rest_framework", "aiohttp", "tornado"}


def run_cli(app, args):
    """Run the Flask app's own CLI command `args` as `flask ...` would, in its app context: True when it exited 0."""
    return cli_output(app, args) is not None


def cli_output(app, args):
    """What the Flask app's own CLI command `args` printed, or None when it did not exit 0."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=args)
    return result.output if result.exit_code == 0 else None


def framework_class(cls):
    """A class built on a web framework's own (a `MethodView`, a middleware): it answers requests, so its tests
    are the app's HTTP tests, not calls on a bare object."""
    return any(base.__module__.split(".")[0] in FRAMEWORKS for base in cls.__mro__[1:])


def textwrap_dedent(text):
    import textwrap

    return textwrap.dedent(text)


def test_files():
    """The repo's existing test files (generated files must never overwrite one)."""
    return list(walk(is_test_name, SKIP_DIRS - {"tests", "test"}))


def assay_files(paths):
    """The test files among `paths` that an earlier offline run wrote (their docstring says so): a rerun updates
    such a file in place instead of adding a near-identical sibling."""
    marker = "Written by assay's offline engine"
    return [rel for rel in paths if rel.endswith(".py") and marker in read(rel)[:2000]]


def conftest_fixtures():
    """Fixture names defined in the repo's conftest.py files, by folder ("" for the root)."""
    found = {}
    for rel in walk(lambda name: name == "conftest.py", {"venv", "node_modules", "__pycache__"}):
        names = re.findall(r"@pytest\.fixture[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?def\s+(\w+)", read(rel))
        found[os.path.dirname(rel)] = names
    return found
