"""Mutation probe: do the new tests notice small bugs in the code they target?

A small own engine rather than mutmut or cosmic-ray: mutmut 3 rewrites the whole source tree into
a `mutants/` folder with its own trampolines and config, cosmic-ray needs a session database and
a config file; both want to own the layout of the run. Here the shape is narrow (a few target files,
only the new tests, a hard time budget, the user's tree untouched), so mutants are made from the AST
(`agent.proof.mutants`) and run by a fork-per-mutant driver (`agent.proof.driver`, bundled into one script) inside
the sandbox, in the repo's interpreter, with the mutant served by an import hook: nothing is
written into the repo, every mutant lives only in its own throw-away child process.

Only the tests that reach the changed line run against a mutant (a traced run, under coverage.py with
a context per test, maps which test reaches which line; it also gives the coverage delta its "after"
and counts as a flake run); a mutant no new test reaches survives without running.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent.offline.bundle import bundle
from agent.outcome import MutationCheck
from agent.proof.driver.protocol import DriverResult, DriverSpec, GoMessage, Jobs, TestOutcomes
from agent.proof.mutants import Mutant, mutants_of, select
from agent.runners.pytest import repo_python
from agent.sandbox import CommandResult, Sandbox, Scratch

DEFAULT_MAX_MUTANTS = 30
DEFAULT_BUDGET_S = 300.0
DRIVER = "agent.proof.driver"
"""The in-sandbox driver package, written to scratch as one bundled script (entry `drive`)."""
_SKIP_DIRS = {".git", ".venv", "venv", "env", "node_modules", "__pycache__", ".assay", "build", "dist", ".tox"}


@dataclass
class MutationReport:
    """Verdicts per mutant and the score."""

    mutants: list[dict[str, Any]] = field(default_factory=list)
    skipped: str | None = None
    """Why the probe did not run, when it did not."""
    duration_s: float = 0.0
    timings: dict[str, Any] = field(default_factory=dict)
    """Seconds since the driver started at which each phase ended; `cpu`: CPU seconds per part of the work."""

    def count(self, status: str) -> int:
        return sum(1 for m in self.mutants if m["status"] == status)

    @property
    def score(self) -> float | None:
        """Killed (timeouts included: the tests noticed) over the mutants that ran or could not be reached."""
        judged = self.count("killed") + self.count("timeout") + self.count("survived")
        return round((self.count("killed") + self.count("timeout")) / judged, 3) if judged else None

    @property
    def survivors(self) -> list[str]:
        return [f"{m['mutant']}" + (f" ({m['reason']})" if m.get("reason") else "")
                for m in self.mutants if m["status"] == "survived"]

    def to_check(self) -> MutationCheck:
        if self.skipped:
            return MutationCheck(summary=f"mutation probe skipped: {self.skipped}")
        score = self.score
        shown = "n/a" if score is None else f"{score:.0%}"
        summary = (f"mutation score {shown}: {self.count('killed')} killed, {self.count('survived')} survived, "
                   f"{self.count('timeout')} timed out of {len(self.mutants)} mutants")
        others = len(self.mutants) - sum(self.count(s) for s in ("killed", "survived", "timeout"))
        if others:
            summary += f" ({others} not judged: budget or errors)"
        return MutationCheck(summary=summary + f" in {self.duration_s:.1f}s", score=score, killed=self.count("killed"),
                             timed_out=self.count("timeout"), survived=self.survivors, mutants=self.mutants,
                             timings=self.timings)


def target_files(repo: Path, targets: Sequence[str], test_files: Sequence[str]) -> list[str]:
    """Python files under test: the surface's targets that are files, else repo modules the new tests import."""
    named = [t for t in targets if t.endswith(".py") and (repo / t).is_file()]
    if named:
        return named
    found: list[str] = []
    for rel in test_files:
        try:
            tree = ast.parse((repo / rel).read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        for module in _imported(tree):
            path = _module_file(repo, module)
            if path and path not in found and path not in test_files and not Path(path).name.startswith("test"):
                found.append(path)
    return found


@dataclass
class ForkRun:
    """One flake rerun done by the driver: per test id, its status and failure message."""

    label: str
    statuses: dict[str, tuple[str, str]] = field(default_factory=dict)


def probe(sandbox: Sandbox, repo: Path, files: Sequence[str], tests: Sequence[str], *,
          max_mutants: int = DEFAULT_MAX_MUTANTS, workers: int | None = None, budget_s: float = DEFAULT_BUDGET_S,
          timeout_s: float | None = None) -> MutationReport:
    """Mutate `files`, run `tests` (pytest ids, all passing on the unmutated code) against each mutant."""
    return prove(sandbox, repo, files, tests, max_mutants=max_mutants, workers=workers, budget_s=budget_s,
                 timeout_s=timeout_s)[0]


def prove(sandbox: Sandbox, repo: Path, files: Sequence[str], tests: Sequence[str],
          runs: Sequence[tuple[str, list[str]]] = (), *, mutate: bool = True, max_mutants: int = DEFAULT_MAX_MUTANTS,
          workers: int | None = None, budget_s: float = DEFAULT_BUDGET_S, timeout_s: float | None = None,
          traced: Sequence[str] | None = None, spare_run: tuple[str, list[str]] | None = None,
          coverage: Sequence[str] = ()) -> tuple[MutationReport, list[ForkRun], TracedCoverage | None]:
    """The mutation probe, pytest flake reruns (`runs`: label and ids in order) and coverage in one driver process.

    The reruns are clean forked children of a process that imported only third-party modules, so they are as
    isolated from each other as fresh interpreters. The traced run (`traced`: ids, default `tests`) maps which
    test reaches which line for the mutants and, when `coverage` names files, measures their line and branch
    coverage with coverage.py; it is returned as one more rerun (`isolated, traced`). When nothing is traced,
    `spare_run` runs in its place, so the number of flake runs does not depend on whether mutants were made.
    """
    traced_ids = list(tests if traced is None else traced)
    with ProofRun(sandbox, repo, files, mutate=mutate, max_mutants=max_mutants, workers=workers, budget_s=budget_s,
                  timeout_s=timeout_s, coverage=coverage, collect=tests,
                  sources=[*traced_ids, *(t for _, ids in runs for t in ids)], start=False) as proof:
        return proof.finish(tests, runs, traced_ids, spare_run)


class ProofRun:
    """One proof-driver process, started before its jobs are known (`start=True`): its interpreter start-up,
    imports and the zygote's collection of `collect` (test files or ids) overlap the runtime's first test run,
    and `finish` hands it the tests, reruns and traced ids once that run is done. Use it as a context manager:
    leaving it unfinished cancels the driver."""

    def __init__(self, sandbox: Sandbox, repo: Path, files: Sequence[str], *, mutate: bool = True,
                 max_mutants: int = DEFAULT_MAX_MUTANTS, workers: int | None = None,
                 budget_s: float = DEFAULT_BUDGET_S, timeout_s: float | None = None, coverage: Sequence[str] = (),
                 collect: Sequence[str] = (), sources: Sequence[str] = (), start: bool = True) -> None:
        self.started = time.monotonic()
        self.sandbox, self.repo, self.budget_s = sandbox, repo, budget_s
        self.report = MutationReport()
        self.chosen = _chosen(repo, files, max_mutants, self.report) if mutate else []
        if not mutate:
            self.report.skipped = "turned off"
        root = repo.resolve()
        # The runtime's files (spec, driver, go signal) go where commands cannot write; the driver makes `work`
        # itself, in the folder commands write, and the runtime reads it back without following symlinks.
        self.scratch = sandbox.scratch
        self.name = f"proof-{uuid.uuid4().hex[:10]}"
        self.work = self.scratch.outputs / self.name
        self.measured = [str((root / f).resolve()) for f in coverage]
        self.spec: DriverSpec = {
            "root": str(root), "work": str(self.work), "out": str(self.work / "result.json"),
            "go": str(self.scratch.inputs / f"{self.name}.go.json"),
            "collect": list(collect), "tests": [], "map_tests": [], "runs": [],
            "targets": [str((root / f).resolve()) for f in dict.fromkeys([*files, *coverage])],
            "coverage": {"data": str(self.work / "traced.coverage"), "include": self.measured}
            if self.measured else None,
            # One job more than cores: test runs wait on disk (fsync) too, and the spare job fills those gaps.
            "workers": max(1, workers or (os.cpu_count() or 1) + 1), "budget": budget_s,
            "timeout": timeout_s, "map_timeout": max(60.0, budget_s / 2),
            "preimport": _preimports(repo, [*files, *collect, *sources]),
            "mutants": [{"id": index, "path": str((root / m.path).resolve()), "abspath": str((root / m.path).resolve()),
                         "source": m.source, "lines": list(m.lines), "module_level": m.module_level,
                         "scope": list(m.scope)}
                        for index, m in enumerate(self.chosen)],
        }
        self.ran: CommandResult | None = None
        self.thread: threading.Thread | None = None
        self.done = False
        if start:
            self._launch()

    def _launch(self) -> None:
        spec = self.scratch.write_input(f"{self.name}.spec.json", json.dumps(self.spec))
        driver = self.scratch.write_input(f"{self.name}.driver.py", bundle(DRIVER, "drive").encode())
        argv = [repo_python(self.repo), str(driver), str(spec)]
        self.thread = threading.Thread(target=self._run, args=(argv,), daemon=True)
        self.thread.start()

    def _run(self, argv: list[str]) -> None:
        self.ran = self.sandbox.run(argv, cwd=self.repo, timeout=self.budget_s + 120)

    def _go(self, message: GoMessage | Jobs) -> None:
        self.scratch.write_input(f"{self.name}.go.json", json.dumps(message))

    def finish(self, tests: Sequence[str], runs: Sequence[tuple[str, list[str]]] = (),
               traced: Sequence[str] = (), spare_run: tuple[str, list[str]] | None = None
               ) -> tuple[MutationReport, list[ForkRun], TracedCoverage | None]:
        """Run the jobs (see `prove`) and collect the verdicts."""
        self.done = True
        report, chosen = self.report, self.chosen
        if chosen and not tests:
            report.skipped, chosen = "no passing new test to run against mutants", []
        tracing = bool(traced) and bool(chosen or self.measured)
        runs = [*runs, *([spare_run] if spare_run and not tracing else [])]
        if not tracing and not runs:
            self.cancel()
            return report, [], None
        message: Jobs = {"tests": list(tests), "map_tests": list(traced) if tracing else [],
                              "runs": [{"label": label, "tests": ids} for label, ids in runs]}
        if not chosen:
            message["mutants"] = []
        try:
            if self.thread is None:
                self.spec.update(message)  # type: ignore[typeddict-item]  # Jobs: a subset of the spec's keys
                self.spec.pop("go")
                self._launch()
            else:
                self._go(message)
            assert self.thread is not None
            self.thread.join()
            try:
                result: DriverResult = json.loads(self.scratch.read(self.work / "result.json"))
            except (OSError, ValueError):
                ran = self.ran
                exit_code, output = (ran.exit_code, ran.output.strip()[-200:]) if ran else (None, "")
                report.skipped = f"the proof driver did not finish (exit {exit_code}): {output}"
                return report, [], None
            mapping = result.get("mapping", {})
            covered = _traced_coverage(mapping.get("coverage"), self.work / "traced.coverage", self.scratch) \
                if self.measured and mapping.get("status") == "done" else None
        finally:
            self._remove_files()
        reruns = [_fork_run(r["label"], r) for r in result.get("runs", []) if r.get("status") == "done"]
        if mapping.get("status") == "done":
            reruns.append(_fork_run("isolated, traced", mapping))
        if chosen and mapping.get("status") != "done":
            report.skipped = f"the mapping run failed: {mapping.get('status')}"
        elif chosen:
            report.mutants = [_entry(chosen[v["id"]], v) for v in result.get("mutants", [])]
        report.timings = result.get("timings", {})
        report.duration_s = round(time.monotonic() - self.started, 3)
        return report, reruns, covered

    def cancel(self) -> None:
        """Stop a driver that was started but will not be given jobs; remove its folder."""
        self.done = True
        if self.thread is not None:
            with contextlib.suppress(OSError):
                self._go({"cancel": True})
            self.thread.join()
        self._remove_files()

    def _remove_files(self) -> None:
        self.scratch.discard(self.work)
        for suffix in ("spec.json", "driver.py", "go.json"):
            self.scratch.discard(self.scratch.inputs / f"{self.name}.{suffix}")

    def __enter__(self) -> ProofRun:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self.done:
            self.cancel()


@dataclass
class TracedCoverage:
    """Coverage of the target files by the traced run: coverage.py's JSON totals and its data file's bytes
    (kept so a measurement of the existing suite can be combined with it), or why there is none."""

    totals: dict[str, Any] = field(default_factory=dict)
    data: bytes = b""
    error: str | None = None


def _traced_coverage(found: dict[str, Any] | None, data: Path, scratch: Scratch) -> TracedCoverage:
    if not found or "error" in found:
        return TracedCoverage(error=str((found or {}).get("error", "no coverage data")))
    try:
        return TracedCoverage(totals=found["totals"], data=scratch.read(data))
    except (OSError, KeyError):
        return TracedCoverage(error="no coverage data")


def _chosen(repo: Path, files: Sequence[str], limit: int, report: MutationReport) -> list[Mutant]:
    if not files:
        report.skipped = "no Python source file under test (name targets in the test surface)"
        return []
    candidates: list[Mutant] = []
    for rel in files:
        try:
            candidates += mutants_of(rel, (repo / rel).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
    chosen = select(candidates, limit)
    if not chosen:
        report.skipped = f"no mutable code in {', '.join(files)}"
    return chosen


def _fork_run(label: str, data: TestOutcomes) -> ForkRun:
    messages = data.get("messages", {})
    return ForkRun(label, {test: (status, messages.get(test, "")) for test, status in data.get("outcomes", {}).items()})


def _entry(mutant: Mutant, verdict: dict[str, Any]) -> dict[str, Any]:
    entry = {"mutant": str(mutant), "kind": mutant.kind, "status": verdict["status"]}
    for key in ("reason", "tests", "seconds", "via", "at", "cpu"):
        if key in verdict:
            entry[key] = verdict[key]
    if verdict.get("killed_by"):
        entry["killed_by"] = verdict["killed_by"]["test"]
    return entry


def _imported(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names]
    return names


def _module_file(repo: Path, module: str) -> str | None:
    parts = module.split(".")
    for base in (repo, repo / "src"):
        for candidate in (base.joinpath(*parts).with_suffix(".py"), base.joinpath(*parts, "__init__.py")):
            if candidate.is_file():
                return candidate.relative_to(repo).as_posix()
    return None


def _preimports(repo: Path, files: Sequence[str]) -> list[str]:
    """Modules from outside the repo that the targets, the new tests and the conftests import."""
    sources = {f.split("::", 1)[0] for f in files}
    sources |= {p.relative_to(repo).as_posix() for p in repo.rglob("conftest.py")
                if not _SKIP_DIRS.intersection(p.relative_to(repo).parts)}
    names: list[str] = []
    for rel in sorted(sources):
        try:
            tree = ast.parse((repo / rel).read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            continue
        for name in _imported(tree):
            top = name.split(".")[0]
            local = (repo / top).exists() or (repo / f"{top}.py").exists() or (repo / "src" / top).exists()
            if not local and name not in names:
                names.append(name)
    return names
