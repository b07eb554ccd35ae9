"""Can the test results be trusted? Outcome-altering code in what the run wrote, and a runtime-owned witness.

A model that cannot make a test pass can make pytest *say* it passed: a conftest hook that rewrites
reports, a hookwrapper that swallows the assertion, a plugin loaded from `addopts`, a patched
`_pytest` internal, a process that writes its own JUnit file and exits. Two independent checks:

- `scan`: an AST scan of every file the run wrote or changed (Python, and the pytest sections of
  `pytest.ini`/`tox.ini`/`setup.cfg`/`pyproject.toml`) for result hooks, hookwrappers, deselection,
  monkeypatched pytest internals, process exits and plugin loading. Only what the run added counts:
  findings already in the file at `HEAD` are the user's own.
- `witness_run`: the tests run once more with the runtime's own plugin loaded first (`-p`, see
  `agent.pytest_witness`); what it saw (collected tests, the exception each phase raised, every result
  hook's source file, replaced internals, a clean end) is compared with that run's JUnit report and
  with the main run's.

Any problem makes the outcome "not verified"; the reasons go to `run.discrepancies`,
`run.checks.integrity` and the gaps.
"""

from __future__ import annotations

import ast
import configparser
import json
import os
import secrets
import shlex
import subprocess
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent import safefs
from agent.gitops import run_git
from agent.outcome import CommandRun, IntegrityCheck
from agent.runners import Runner
from agent.sandbox import Sandbox
from agent.testfiles import is_test_file

WITNESS_MODULE = "assay_witness"
RESULT_HOOKS = frozenset({
    "pytest_runtest_protocol", "pytest_runtest_makereport", "pytest_report_teststatus", "pytest_runtest_logreport",
    "pytest_runtest_call", "pytest_pyfunc_call", "pytest_runtestloop", "pytest_make_collect_report",
    "pytest_collectreport", "pytest_pycollect_makeitem", "pytest_sessionfinish", "pytest_unconfigure",
    "pytest_terminal_summary", "pytest_deselected", "pytest_exception_interact", "pytest_runtest_logfinish",
})
"""Hooks that decide or rewrite a result: no test-writing change needs one."""
_GUARDED_HOOKS = frozenset({"pytest_collection_modifyitems", "pytest_runtest_setup", "pytest_runtest_teardown",
                            "pytest_configure", "pytest_sessionstart", "pytest_collection",
                            "pytest_collection_finish", "pytest_itemcollected"})
"""Hooks with common harmless uses (markers, options): flagged only as wrappers or for what their body does."""
_PYTEST_ROOTS = ("_pytest", "pytest", "pluggy")
_SKIPS = {"skip", "skipif", "xfail", "importorskip"}
_EXITS = {("os", "_exit"), ("sys", "exit"), ("pytest", "exit"), ("os", "kill"), ("os", "abort"), ("os", "killpg")}
_REPORT_NAMES = {"xmlpath", "junitxml", "LogXML", "wasxfail", "longrepr"}
_HIDING_OPTIONS = ("-k", "-m", "--deselect", "--ignore", "--ignore-glob", "-o", "--override-ini", "-c", "--rootdir",
                   "--confcutdir", "--noconftest", "--junitxml", "--junit-xml", "--junitprefix",
                   "--continue-on-collection-errors")
"""addopts that choose which tests, conftests or report count."""
_CONFIG_FILES = {"pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml", ".pytest.ini"}
_CONFIG_KEYS = ("python_functions", "python_classes", "python_files")
"""ini keys that choose which tests are collected."""


@dataclass
class Integrity:
    """What the two checks found; `problems` non-empty means the results cannot be trusted."""

    problems: list[str] = field(default_factory=list)
    scanned: list[str] = field(default_factory=list)
    witnessed: int = 0

    def to_check(self) -> IntegrityCheck:
        """The `run.checks.integrity` entry."""
        summary = ("results are the runtime's own: no outcome-altering code in the files the run wrote, and the "
                   f"witness saw {self.witnessed} test(s) behave as reported") if not self.problems else \
            f"{len(self.problems)} reason(s) the reported results cannot be trusted"
        return IntegrityCheck(summary=summary, trusted=not self.problems, problems=self.problems,
                              scanned=self.scanned, witnessed=self.witnessed)


def check(runner: Runner, sandbox: Sandbox, repo: Path, run: CommandRun, test_files: Sequence[str],
          changed: Sequence[str], timeout: float) -> Integrity:
    """Both checks for a run whose tests `run` holds; `changed` is every file the run wrote."""
    result = Integrity(scanned=sorted({*changed, *test_files}))
    result.problems += scan(repo, result.scanned)
    if runner.name == "pytest" and run.tests:
        problems, result.witnessed = witness_run(runner, sandbox, repo, run, test_files, result.scanned, timeout)
        result.problems += problems
    return result


# --- the static scan -------------------------------------------------------------------------------------------

def scan(repo: Path, changed: Sequence[str]) -> list[str]:
    """Outcome-altering constructs the run added to `changed` (repo-relative paths)."""
    problems: list[str] = []
    for rel in changed:
        name = Path(rel).name
        if rel.endswith(".py"):
            finder: Any = _python_findings
        elif name in _CONFIG_FILES:
            finder = _config_findings
        else:
            continue
        try:  # never read through a link the repo planted
            now = safefs.read_file_nofollow(repo / rel, limit=4 * 1024**2).decode("utf-8", "replace")
        except OSError:
            continue
        before = set(finder(_at_head(repo, rel), name, repo))
        problems += [f"{rel}: {finding}" for finding in dict.fromkeys(finder(now, name, repo))
                     if finding not in before]
    return problems


def _at_head(repo: Path, rel: str) -> str:
    try:
        return run_git(repo, ["show", f"HEAD:{rel}"], timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""


def _python_findings(text: str, name: str, _repo: Path) -> list[str]:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[str] = []
    pytest_names = _names_bound_to(tree, _PYTEST_ROOTS)
    # Test modules may raise SystemExit in a fake; a conftest or plugin that ends the process is forging.
    support = not is_test_file(name)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += _hook_findings(node)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            for target in targets:
                root = _root_name(target)
                if isinstance(target, ast.Attribute | ast.Subscript) and root in pytest_names:
                    found.append(f"replaces pytest internals ({ast.unparse(target)})")
                if root == "sys" and "modules" in ast.unparse(target):
                    found.append("rewrites sys.modules")
        elif isinstance(node, ast.Call):
            found += _call_findings(node, pytest_names, support)
        elif support and isinstance(node, ast.Raise) and node.exc is not None and "SystemExit" in ast.unparse(node.exc):
            found.append("raises SystemExit (ends the test process itself)")
        elif isinstance(node, ast.Attribute) and node.attr in _REPORT_NAMES:
            found.append(f"touches the test report ({node.attr})")
    return found


def _hook_findings(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    wrapper = any(kw.arg in ("hookwrapper", "wrapper") and isinstance(kw.value, ast.Constant) and kw.value.value
                  for d in node.decorator_list if isinstance(d, ast.Call) for kw in d.keywords)
    if node.name in RESULT_HOOKS:
        return [f"defines {node.name}, a hook that can rewrite test results"]
    if wrapper:
        return [f"defines {node.name} as a hook wrapper (it can change what the hooks inside it return)"]
    if node.name not in _GUARDED_HOOKS:
        return []
    body = ast.unparse(node)
    if node.name == "pytest_collection_modifyitems" and _drops_items(node):
        return [f"{node.name} removes collected tests"]
    if any(word in body for word in ("pytest_deselected", "pluginmanager", "unregister", "set_blocked")):
        return [f"{node.name} deselects tests or changes the loaded plugins"]
    if node.name != "pytest_configure" and any(
            (isinstance(sub, ast.Attribute) and sub.attr in _SKIPS) or (isinstance(sub, ast.Name) and sub.id in _SKIPS)
            for sub in ast.walk(node)):
        return [f"{node.name} skips tests or marks them expected to fail (a failure would stop counting)"]
    return []


def _drops_items(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute) and _root_name(sub.func) == "items" \
                and sub.func.attr in ("remove", "pop", "clear"):
            return True
        if isinstance(sub, ast.Assign | ast.Delete) and any(
                isinstance(t, ast.Subscript) and _root_name(t) == "items" for t in sub.targets):
            return True
    return False


def _call_findings(node: ast.Call, pytest_names: set[str], support: bool) -> list[str]:
    func = node.func
    if support and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
            and (func.value.id, func.attr) in _EXITS:
        return [f"calls {func.value.id}.{func.attr} (ends the test process itself)"]
    if isinstance(func, ast.Name) and func.id in ("setattr", "delattr") and node.args \
            and _root_name(node.args[0]) in pytest_names:
        return [f"replaces pytest internals ({func.id}({ast.unparse(node.args[0])}, ...))"]
    if isinstance(func, ast.Attribute) and func.attr in ("setattr", "delattr") and node.args:
        first = node.args[0]
        target = first.value if isinstance(first, ast.Constant) else None
        if isinstance(target, str) and target.split(".")[0] in _PYTEST_ROOTS:
            return [f"patches pytest internals ({target})"]
        if _root_name(first) in pytest_names:
            return [f"patches pytest internals ({ast.unparse(first)})"]
    if isinstance(func, ast.Attribute) and func.attr == "register" and "pluginmanager" in ast.unparse(func):
        return ["registers a pytest plugin at run time"]
    return []


def _names_bound_to(tree: ast.Module, roots: Sequence[str]) -> set[str]:
    """Local names bound by importing from pytest, _pytest or pluggy (`import _pytest.runner as r` binds `r`)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in roots:
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in roots:
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Call):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _config_findings(text: str, name: str, repo: Path) -> list[str]:
    options: dict[str, str] = {}
    if name == "pyproject.toml":
        try:
            section = tomllib.loads(text).get("tool", {}).get("pytest", {}).get("ini_options", {})
        except tomllib.TOMLDecodeError:
            return []
        options = {k: " ".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in section.items()}
    else:
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
        except configparser.Error:
            return []
        for wanted in ("pytest", "tool:pytest"):
            if parser.has_section(wanted):
                options = dict(parser.items(wanted))
    found = [f"sets {key} for pytest ({options[key].strip()[:80]})" for key in _CONFIG_KEYS
             if key in options and key != "addopts"]
    try:
        words = shlex.split(options.get("addopts", ""))
    except ValueError:
        words = options.get("addopts", "").split()
    for index, word in enumerate(words):
        flag, _, value = word.partition("=")
        if flag.startswith("-p"):
            plugin = flag[2:] or value or (words[index + 1] if index + 1 < len(words) else "")
            if _repo_module(repo, plugin):
                found.append(f"loads the repo module {plugin} as a pytest plugin (addopts -p)")
        elif flag in _HIDING_OPTIONS:
            found.append(f"adds {flag} to pytest's addopts (it chooses which tests, conftests or report count)")
    return found


def _repo_module(repo: Path, dotted: str) -> bool:
    """True when `dotted` names a module file in the repo (a plugin the repo, not an installed package, supplies)."""
    if not dotted or dotted.startswith("no:"):
        return False
    base = repo.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


# --- the witness run -------------------------------------------------------------------------------------------

def witness_run(runner: Runner, sandbox: Sandbox, repo: Path, run: CommandRun, test_files: Sequence[str],
                changed: Sequence[str], timeout: float) -> tuple[list[str], int]:
    """Problems found by running `test_files` with the runtime's witness loaded first; and how many it saw."""
    source = (Path(__file__).parent / "pytest_witness.py").read_bytes()
    nonce = secrets.token_hex(16)
    plugin = sandbox.scratch.write_input(f"witness-{nonce[:12]}/{WITNESS_MODULE}.py", source)  # its own folder:
    out = sandbox.scratch.output("witness")  # the only thing PYTHONPATH adds
    report = sandbox.scratch.output("witness-junit")
    argv = runner.command(repo, test_files, report, ["-p", WITNESS_MODULE])
    inherited = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]  # what the main run had
    try:
        result = sandbox.run(argv, cwd=repo, timeout=timeout, stdin=nonce + "\n",
                             env={"PYTHONPATH": os.pathsep.join([str(plugin.parent), *inherited]),
                                  "ASSAY_WITNESS": str(out)})
        witnessed = runner.parse(repo, report, result) if report.is_file() and not report.is_symlink() else []
        try:
            lines = sandbox.scratch.read(out).decode("utf-8", "replace").splitlines()
        except OSError:
            lines = []
    finally:
        for leftover in (out, report, plugin.parent):
            sandbox.scratch.discard(leftover)
    records, forged = _records(lines, nonce)
    problems = ["the witness's record holds lines it did not write"] if forged else []
    problems += _compare(records, {t.id: t.status for t in witnessed}, {t.id: t.status for t in run.tests},
                         repo, changed, plugin)
    return problems, len({r["id"] for r in records if r["k"] == "report"})


def _records(lines: list[str], nonce: str) -> tuple[list[dict[str, Any]], bool]:
    records, forged = [], False
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            forged = True
            continue
        if isinstance(record, dict) and record.get("n") == nonce:
            records.append(record)
        else:
            forged = True
    return records, forged


def _compare(records: list[dict[str, Any]], witness_junit: dict[str, str], main_junit: dict[str, str], repo: Path,
             changed: Sequence[str], plugin: Path) -> list[str]:
    if not records or records[-1]["k"] != "end":
        reason = "recorded nothing" if not records else "saw the test process end before the session did"
        return [f"the runtime's witness {reason}: the run was cut short, the witness was blocked, or the process "
                "exited on its own (a forged JUnit report would look exactly like this)"]
    problems: list[str] = []
    phases: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        if record["k"] == "report":
            phases.setdefault(record["id"], []).append(record)
        elif record["k"] == "internals" and record["changed"]:
            problems.append("pytest internals were replaced during the run: " + ", ".join(record["changed"]))
        elif record["k"] == "hooks":
            problems += _foreign_hooks(record["impls"], repo, changed, plugin)
    for test_id, recs in sorted(phases.items()):
        for rec in recs:
            raised = rec["raw"] or rec.get("swallowed")
            if raised and rec["final"] == "passed":
                problems.append(f"{test_id}: raised {raised} during {rec['when']} but was reported as passed")
    for same_run, junit in ((True, witness_junit), (False, main_junit)):
        for test_id, status in sorted(junit.items()):
            seen = _witnessed_status(phases.get(_canonical(test_id, phases), [])) or "no run of it"
            if status == "passed" and seen != "passed":
                problems.append(f"{test_id}: the JUnit report of the witnessed run says passed, the witness saw {seen}"
                                if same_run else f"{test_id}: passed in the runtime's run, but the witness saw {seen} "
                                "(flaky, or code that behaves differently when watched)")
    collected = {r["id"] for r in records if r["k"] == "item"}
    vanished = sorted(collected - set(phases))
    if vanished:
        problems.append("collected tests that never ran (removed from the session): " + ", ".join(vanished[:10]))
    return list(dict.fromkeys(problems))


def _canonical(test_id: str, phases: dict[str, Any]) -> str:
    """The witness's node id for a JUnit id (they agree unless a class or parameter id was reshaped)."""
    return test_id if test_id in phases else next((k for k in phases if k.endswith(test_id.split("/")[-1])), test_id)


def _witnessed_status(recs: list[dict[str, Any]]) -> str | None:
    if not recs:
        return None
    last = {r["when"]: r for r in recs}  # a plugin that reruns a test reports each attempt: the last one counts
    if any((r["raw"] or r.get("swallowed")) and not r.get("xfail") for r in last.values()):
        return "failed"
    call = last.get("call")
    return "passed" if call is not None and call["final"] == "passed" else (call or recs[0])["final"]


def _foreign_hooks(impls: list[dict[str, Any]], repo: Path, changed: Sequence[str], plugin: Path) -> list[str]:
    """Result hooks whose code lives in a file the run wrote, or in no installed package or repo file at all."""
    problems = []
    root = repo.resolve()
    mine = str(plugin.resolve())
    for impl in impls:
        file = impl["file"]
        if file == mine:
            continue
        path = Path(file)
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else None
        suspicious = rel in changed if rel is not None else not impl["installed"]
        wrapper_or_result = impl["wrapper"] or impl["hook"] in RESULT_HOOKS
        if suspicious and wrapper_or_result:
            where = rel or file
            problems.append(f"{where}:{impl['line']} implements {impl['hook']}"
                            f"{' as a hook wrapper' if impl['wrapper'] else ''}, which can rewrite test results")
    return problems
