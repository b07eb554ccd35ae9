"""Deterministic graders: each reads what an attempt left in its repo and returns a `GradeResult`.

Gates (`gate=True`) are hygiene: a suite that fails on correct code, edits the source or asserts nothing is
worth nothing, so a failed gate sets the attempt's score to 0. Quality graders (bugs caught, scenarios,
regression lock, advice, diagnosis) are averaged into the score. Informational graders (mutation score,
coverage delta) are recorded but never counted.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from agent.evals.cases import Case
from agent.gitops import run_git
from agent.outcome import TestingOutcome
from agent.proof.assertions import scan_file, target_modules
from agent.runners.pytest import PytestRunner
from agent.sandbox import CommandResult, Sandbox
from agent.testfiles import is_test_file, is_test_support

IGNORED_PREFIXES = (".assay/", "node_modules/")
KEPT_RUNS = 3
"""How many times the graders run the kept tests on the correct code: every run must pass (their own flake check)."""
DISCREPANCY_COST = 0.25
"""Share of an attempt's score each claim the runtime found untrue costs."""
SHUFFLE_MODULE = "_assay_eval_shuffle"
SHUFFLE_SEED_ENV = "ASSAY_EVAL_SHUFFLE_SEED"
SHUFFLE_PLUGIN = f'''"""Written by assay's eval graders: pytest runs the collected tests in a seeded random order."""
import os
import random


def pytest_collection_modifyitems(session, config, items):
    random.Random(int(os.environ.get("{SHUFFLE_SEED_ENV}", "0"))).shuffle(items)
'''
"""Copied into a throw-away copy of the repo, where `python -m pytest -p <module>` can import it."""


@dataclass
class GradeResult:
    """One grader's verdict on one attempt."""

    name: str
    score: float
    passed: bool
    detail: str = ""
    gate: bool = False
    counted: bool = True
    """False for informational graders: recorded, not part of the score."""
    penalty: bool = False
    """A penalty multiplies the quality mean by its score instead of being averaged into it."""
    evidence: dict[str, Any] = field(default_factory=dict)
    """What the verdict rests on, by name (bugs caught and missed, equivalent patches passed), for the report."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Detection:
    """What the kept tests told apart: equivalent refactors they wrongly fail on, and bugs they catch."""

    equivalents_failed: list[str]
    """Equivalent patches the kept tests fail on: a change detector, so no bug it "catches" counts."""
    caught: list[str]
    """Bug patches (stems) the kept tests fail on; empty when any equivalent patch failed. Under pytest a bug
    counts only when a test the runtime's own run reported passing is among those that fail on it."""
    caught_by: dict[str, list[str]] = field(default_factory=dict)
    """Bug stem -> the failing test ids, where the runner named them (pytest cases)."""


@dataclass
class AttemptContext:
    """What graders may look at: the case, the repo after the run, and the outcome the run produced."""

    case: Case
    repo: Path
    base_commit: str
    outcome: TestingOutcome | None
    sandbox: Sandbox
    outcome_error: str | None = None
    timeout_s: float = 300
    _changed: list[str] | None = field(default=None, repr=False)
    _kept_run: CommandResult | None = field(default=None, repr=False)
    _detection: Detection | None = field(default=None, repr=False)

    @property
    def changed(self) -> list[str]:
        """Files that differ from the case's initial commit (tracked changes and new files), repo-relative."""
        if self._changed is None:
            out = run_git(self.repo, ["status", "--porcelain", "-z", "--untracked-files=all"])
            paths = [entry[3:] for entry in out.split("\0") if len(entry) > 3]
            self._changed = sorted(p for p in paths if not p.startswith(IGNORED_PREFIXES))
        return self._changed

    @property
    def test_files(self) -> list[str]:
        return [p for p in self.changed if is_test_file(p)]

    @property
    def support_files(self) -> list[str]:
        """Changed test support files (conftest, helpers under a tests folder): writable without source edits."""
        return [p for p in self.changed if not is_test_file(p) and is_test_support(p)]

    def kept_command(self) -> str:
        """The command that runs what the attempt kept: the whole suite for a diagnosis, else the new tests."""
        if self.case.kind == "diagnosis" and self.case.hidden.suite_command:
            return self.case.hidden.suite_command
        return self.case.test_command

    def run(self, template: str, repo: Path | None = None, seed: int | None = None) -> CommandResult:
        """Run a case command (placeholders filled) in `repo` (default: the attempt's repo) inside the sandbox;
        with a `seed`, `{shuffle}` loads the order shuffler (which must be in `repo`) with that seed."""
        command = template.format(python=shlex.quote(sys.executable),
                                  files=" ".join(shlex.quote(f) for f in self.test_files),
                                  shuffle=f"-p {SHUFFLE_MODULE}" if seed is not None else "")
        env = {"PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "/usr/bin:/bin")])}
        if seed is not None:
            env[SHUFFLE_SEED_ENV] = str(seed)
        return self.sandbox.run(command, cwd=repo or self.repo, timeout=self.timeout_s, env=env)

    def detection(self) -> Detection:
        """The kept tests run on every equivalent patch and every bug patch, once per attempt."""
        if self._detection is None:
            command = self.kept_command()
            broken = [p.stem for p in self.case.equivalents if _failing(self, p, command).failed]
            caught_by: dict[str, list[str]] = {}
            for patch in [] if broken else self.case.bugs:
                verdict = _failing(self, patch, command)
                if verdict.failed and verdict.ids is None:
                    caught_by[patch.stem] = []
                elif verdict.ids:
                    caught_by[patch.stem] = verdict.ids
            self._detection = Detection(equivalents_failed=broken, caught=list(caught_by), caught_by=caught_by)
        return self._detection

    def vouched(self) -> set[str] | None:
        """Test ids the runtime's own run reported passing (or xfailing: a locked bug), None without a run."""
        if self.outcome is None or not self.outcome.run.commands:
            return None
        return {t.id for c in self.outcome.run.commands for t in c.tests if t.status in ("passed", "xfailed")}


    def kept_run(self) -> CommandResult:
        if self._kept_run is None:
            self._kept_run = self.run(self.kept_command())
        return self._kept_run


def throwaway_copy(ctx: AttemptContext, patch: Path | None) -> tuple[Path, Callable[[], None]]:
    """A copy of the attempt's repo (node_modules hard-linked) with `patch` applied; returns (path, cleanup)."""
    root = Path(tempfile.mkdtemp(prefix="assay-grade-"))
    copy = root / "repo"
    shutil.copytree(ctx.repo, copy, symlinks=True, ignore=shutil.ignore_patterns("node_modules", ".assay", ".git"))
    modules = ctx.repo / "node_modules"
    if modules.is_dir():
        shutil.copytree(modules, copy / "node_modules", symlinks=True, copy_function=os.link)
    if patch is not None:
        applied = subprocess.run(["git", "apply", "--unsafe-paths", str(patch.resolve())], cwd=copy,
                                 capture_output=True, text=True, check=False)
        if applied.returncode != 0:
            shutil.rmtree(root, ignore_errors=True)
            raise RuntimeError(f"cannot apply {patch.name}: {applied.stderr.strip()[:200]}")
    return copy, lambda: shutil.rmtree(root, ignore_errors=True)


@dataclass
class _Verdict:
    failed: bool
    """The kept command exited non-zero on the patched code."""
    ids: list[str] | None = None
    """Under pytest: the failing tests the runtime's run vouched for (passing there); None when not attributable."""


def _failing(ctx: AttemptContext, patch: Path, command: str) -> _Verdict:
    """Run the kept command on a copy with `patch` applied. Under pytest the command also writes a JUnit report, so
    a failure is pinned to test ids: only tests the runtime's own run reported passing can catch a bug (a test that
    was skipped, missing or failing in the verified run proves nothing here)."""
    copy, cleanup = throwaway_copy(ctx, patch)
    pytest_case = " -m pytest " in f" {command} " and "{files}" in command
    report = ctx.sandbox.scratch.output("kept-junit")  # where sandboxed commands may write, outside the copy
    try:
        if pytest_case:
            command = command.replace("{files}", f"-o junit_family=xunit1 --junitxml={shlex.quote(str(report))} "
                                      "{files}")
        result = ctx.run(command, copy)
        vouched = ctx.vouched()
        if not pytest_case or vouched is None or result.exit_code == 0:
            return _Verdict(result.exit_code != 0)
        tests = PytestRunner().parse(copy, report, result) if report.is_file() and not report.is_symlink() else []
        if not tests:  # nothing collected (the patch broke an import): the whole kept suite noticed
            return _Verdict(True)
        statuses = {t.id: t.status for t in tests}
        kept = [i for i in vouched if i.split("::", 1)[0] in ctx.test_files] if ctx.test_files else list(vouched)
        # A vouched test that no longer runs (its file failed to collect on the patched code) noticed it too.
        return _Verdict(True, sorted(i for i in kept if statuses.get(i, "gone") in ("failed", "error", "xpassed",
                                                                                  "gone")))
    finally:
        ctx.sandbox.scratch.discard(report)
        cleanup()


def _tail(result: CommandResult) -> str:
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "no output"


# ---- gates -------------------------------------------------------------------------------------------------


def outcome_agrees(ctx: AttemptContext) -> GradeResult:
    """The outcome validated and the files it lists are exactly the files changed in the repo."""
    name = "outcome_agrees"
    if ctx.outcome is None:
        return GradeResult(name, 0.0, False, f"no valid outcome: {ctx.outcome_error or 'missing'}", gate=True)
    listed = {f.path for f in ctx.outcome.implementation.files}
    changed = set(ctx.changed)
    if listed == changed:
        return GradeResult(name, 1.0, True, f"{len(changed)} file(s) listed and changed", gate=True)
    union = listed | changed
    detail = f"listed not changed: {sorted(listed - changed)}; changed not listed: {sorted(changed - listed)}"
    return GradeResult(name, len(listed & changed) / len(union), False, detail, gate=True)


def source_untouched(ctx: AttemptContext) -> GradeResult:
    """No file other than tests and test support changed, unless the case allows source edits."""
    name = "source_untouched"
    source = [p for p in ctx.changed if not is_test_file(p) and not is_test_support(p)]
    if not source or ctx.case.allow_source_edits:
        return GradeResult(name, 1.0, True, "source unchanged" if not source else "source edits allowed", gate=True)
    return GradeResult(name, 0.0, False, f"source files changed: {', '.join(source)}", gate=True)


def tests_pass(ctx: AttemptContext) -> GradeResult:
    """The kept tests pass on the correct code (expected failures count as passing)."""
    name = "tests_pass"
    if ctx.case.kind != "diagnosis" and not ctx.test_files:
        return GradeResult(name, 0.0, False, "no test files were written", gate=True)
    result = ctx.kept_run()
    if result.exit_code != 0:
        return GradeResult(name, 0.0, False, f"exit {result.exit_code}: {_tail(result)}", gate=True)
    for rerun in range(2, KEPT_RUNS + 1):  # the graders' own flake check: a suite that passes once may not again
        again = ctx.run(ctx.kept_command())
        if again.exit_code != 0:
            return GradeResult(name, 0.0, False, f"flaky: run {rerun} of {KEPT_RUNS} exit {again.exit_code}: "
                               f"{_tail(again)}", gate=True)
    return GradeResult(name, 1.0, True, f"passed {KEPT_RUNS} runs: {_tail(result)}", gate=True)


def sound_tests(ctx: AttemptContext) -> GradeResult:
    """No assertion-free or tautological tests, by the graders' own scan of the kept files (never the run's
    checks: what the runtime reported is what is being graded)."""
    name = "sound_tests"
    modules = target_modules(ctx.case.targets)
    problems = [str(f) for rel in ctx.test_files for f in scan_file(ctx.repo, rel, modules)]
    problems += [f"{rel}: has no assertion" for rel in ctx.test_files if rel.endswith(".py")
                 and not _python_has_assertion(ctx.repo / rel)]
    problems += [f"{rel}: {test} never fails (no t.Error/t.Fatal/t.Fail)" for rel in ctx.test_files
                 if rel.endswith(".go") for test in _go_tests_without_failure(ctx.repo / rel)]
    if problems:
        return GradeResult(name, 0.0, False, "; ".join(problems[:5]), gate=True)
    return GradeResult(name, 1.0, True, f"{len(ctx.test_files)} test file(s) scanned", gate=True)


def _python_has_assertion(path: Path) -> bool:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return False
    return any(isinstance(node, ast.Assert) for node in ast.walk(tree)) or "pytest.raises" in ast.unparse(tree)


_GO_TEST_FUNC = re.compile(r"^func\s+(Test(?![a-z])\w*)\s*\(\s*(\w+)\s+\*testing\.T\s*\)", re.M)
_GO_FAILS = re.compile(r"\.(Error|Errorf|Fatal|Fatalf|Fail|FailNow)\s*\(")
_GO_TOP_FUNC = re.compile(r"^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(", re.M)


def _go_tests_without_failure(path: Path) -> list[str]:
    """Go tests whose body can never fail: no `t.Error`/`t.Fatal`/`t.Fail` call in it, nor in a function of the
    same file that it calls (helpers taking `t`). A file that cannot be read is one such test."""
    text = _read(path)
    if not text:
        return ["(file)"]
    starts = [(m.start(), m.group(1)) for m in _GO_TOP_FUNC.finditer(text)]
    bodies = {name: text[start:(starts[i + 1][0] if i + 1 < len(starts) else len(text))]
              for i, (start, name) in enumerate(starts)}
    failing = {name for name, body in bodies.items() if _GO_FAILS.search(body)}
    for _ in range(len(bodies)):  # a helper that calls a failing helper fails too
        grown = {name for name, body in bodies.items()
                 if any(re.search(rf"\b{re.escape(f)}\s*\(", body) for f in failing)} | failing
        if grown == failing:
            break
        failing = grown
    return [m.group(1) for m in _GO_TEST_FUNC.finditer(text) if m.group(1) not in failing]


def no_files_written(ctx: AttemptContext) -> GradeResult:
    """Advice cases: the answer is advice, so nothing in the repo changed."""
    name = "no_files_written"
    if ctx.changed:
        return GradeResult(name, 0.0, False, f"advice was asked, files changed: {', '.join(ctx.changed)}", gate=True)
    return GradeResult(name, 1.0, True, "no files changed", gate=True)


# ---- quality ------------------------------------------------------------------------------------------------


def bugs_detected(ctx: AttemptContext) -> GradeResult:
    """Each seeded bug variant makes the kept tests fail (the fraction caught is the score)."""
    name = "bugs_detected"
    bugs = ctx.case.bugs
    if not bugs:
        return GradeResult(name, 1.0, True, "the case has no bug variants", counted=False)
    if not ctx.test_files and ctx.case.kind != "diagnosis":
        return GradeResult(name, 0.0, False, "no test files were written")
    if ctx.kept_run().exit_code != 0:
        return GradeResult(name, 0.0, False, "the kept tests fail on the correct code, so they detect nothing")
    detection = ctx.detection()
    equivalents = {"equivalents_failed": detection.equivalents_failed,
                   "equivalents_passed": [p.stem for p in ctx.case.equivalents
                                          if p.stem not in detection.equivalents_failed]}
    if detection.equivalents_failed:
        return GradeResult(name, 0.0, False, "change detector: the kept tests fail on behaviour-preserving "
                           f"refactors ({', '.join(detection.equivalents_failed)}), so no bug they fail on counts",
                           evidence={**equivalents, "not_counted": sorted(bug.stem for bug in bugs)})
    caught = detection.caught
    missed = sorted({bug.stem for bug in bugs} - set(caught))
    by = [f"{stem} by {', '.join(ids[:2])}" for stem, ids in detection.caught_by.items() if ids]
    detail = f"{len(caught)}/{len(bugs)} caught" + (f"; missed: {', '.join(missed)}" if missed else "") + \
        (f" ({'; '.join(by)})" if by else "")
    return GradeResult(name, len(caught) / len(bugs), not missed, detail,
                       evidence={"caught": sorted(caught), "missed": missed, **equivalents,
                                 "caught_by": {stem: ids for stem, ids in detection.caught_by.items() if ids}})


def scenarios_covered(ctx: AttemptContext) -> GradeResult:
    """Each scenario the case's bugs are tagged with is covered when the kept tests catch one of its bugs: from
    evidence, never from the model's labels or test names."""
    name = "scenarios_covered"
    tags = ctx.case.bug_scenarios
    required = list(dict.fromkeys(tags.values()))
    if not required:
        return GradeResult(name, 1.0, True, "no scenarios tagged", counted=False)
    if ctx.case.kind != "diagnosis" and not ctx.test_files:
        return GradeResult(name, 0.0, False, "no test files were written")
    if ctx.kept_run().exit_code != 0:
        return GradeResult(name, 0.0, False, "the kept tests fail on the correct code, so they cover nothing")
    detection = ctx.detection()
    if detection.equivalents_failed:
        return GradeResult(name, 0.0, False, "change detector: no scenario is covered by tests that fail on "
                           "behaviour-preserving refactors")
    covered = {tags[stem] for stem in detection.caught if stem in tags}
    missing = [s for s in required if s not in covered]
    score = (len(required) - len(missing)) / len(required)
    return GradeResult(name, score, not missing, "missing: " + ", ".join(missing) if missing else "all covered")


def regression_lock(ctx: AttemptContext) -> GradeResult:
    """The bug the repo ships with is locked: kept tests fail on the current code and pass on the fixed code."""
    name = "regression_lock"
    hidden = ctx.case.hidden
    if not hidden.regression_fix or not hidden.regression_command:
        return GradeResult(name, 1.0, True, "not applicable", counted=False)
    if not ctx.test_files:
        return GradeResult(name, 0.0, False, "no test files were written")
    reproduces = ctx.run(hidden.regression_command).exit_code != 0
    copy, cleanup = throwaway_copy(ctx, ctx.case.folder / hidden.regression_fix)
    try:
        fixed_passes = ctx.run(hidden.regression_command, copy).exit_code == 0
    finally:
        cleanup()
    ok = reproduces and fixed_passes
    detail = f"fails on the current code: {reproduces}; passes with the fix: {fixed_passes}"
    # A lock that does not fail on the buggy code locks nothing, however it behaves on the fix.
    return GradeResult(name, 1.0 if ok else 0.5 if reproduces else 0.0, ok, detail)


def _keyword_hits(text: str, keywords: list[str]) -> list[str]:
    """Keywords that start a word of `text` (file paths removed: a path is not a diagnosis)."""
    low = re.sub(r"\S*/\S*", " ", text.lower())
    return [k for k in keywords if re.search(rf"\b{re.escape(k.lower())}", low)]


def _outcome_text(outcome: TestingOutcome) -> str:
    parts = [outcome.test_surface.summary, outcome.plan.rationale, outcome.implementation.notes]
    parts += [f"{g.item} {g.reason}" for g in outcome.gaps]
    parts += [f"{t.name} {t.description}" for t in outcome.plan.tests]
    return "\n".join(parts)


def advice_given(ctx: AttemptContext) -> GradeResult:
    """Advice cases: a structured recommendation. `plan.layers` is exactly ["advice"]; the primary (first) planned
    test is at the expected layer and names the expected seam; no forbidden claim appears anywhere in the prose."""
    name = "advice_given"
    hidden = ctx.case.hidden
    if ctx.outcome is None:
        return GradeResult(name, 0.0, False, "no outcome")
    forbidden = [p for p in hidden.advice_forbidden if re.search(p, _outcome_text(ctx.outcome), re.I)]
    if forbidden:
        return GradeResult(name, 0.0, False, f"makes claims that are false of this code: {forbidden}")
    layers_ok = ctx.outcome.plan.layers == ["advice"]
    primary = ctx.outcome.plan.tests[0] if ctx.outcome.plan.tests else None
    layer_ok = primary is not None and (hidden.advice_layer is None or primary.layer == hidden.advice_layer)
    seam = (hidden.advice_seam or "").lower()
    seam_ok = primary is not None and seam in f"{primary.name} {primary.description}".lower()
    score = (layers_ok + layer_ok + seam_ok) / 3
    said = f"{primary.layer} at {primary.name!r}" if primary else "no recommendation"
    detail = (f"layers {ctx.outcome.plan.layers}; recommends {said}; expected {hidden.advice_layer} at "
              f"{hidden.advice_seam!r}")
    return GradeResult(name, score, layers_ok and layer_ok and seam_ok, detail)


def isolation_fixed(ctx: AttemptContext) -> GradeResult:
    """Diagnosis cases: the whole suite passes in every one of N random test orders (seeds 1..N)."""
    name = "isolation_fixed"
    command = ctx.case.hidden.suite_command
    if not command:
        return GradeResult(name, 1.0, True, "not applicable", counted=False)
    orders = ctx.case.hidden.suite_orders
    copy, cleanup = throwaway_copy(ctx, None)
    try:
        (copy / f"{SHUFFLE_MODULE}.py").write_text(SHUFFLE_PLUGIN, encoding="utf-8")
        failed = []
        for seed in range(1, orders + 1):
            result = ctx.run(command, copy, seed=seed)
            if result.exit_code != 0:
                failed.append(f"order {seed}: exit {result.exit_code}: {_tail(result)}")
    finally:
        cleanup()
    ok = not failed
    detail = f"passed in all {orders} random orders" if ok else f"{len(failed)}/{orders} orders fail; {failed[0]}"
    return GradeResult(name, float(ok), ok, detail)


def diagnosis_given(ctx: AttemptContext) -> GradeResult:
    """Diagnosis cases: whether the outcome's prose names the cause (recorded only: prose is free to stuff, the
    behaviour of the fixed suite is what is graded)."""
    name = "diagnosis_given"
    keywords = ctx.case.hidden.diagnosis_keywords
    if not keywords or ctx.outcome is None:
        return GradeResult(name, 0.0, False, "not applicable" if not keywords else "no outcome", counted=False)
    hits = _keyword_hits(_outcome_text(ctx.outcome), keywords)
    return GradeResult(name, min(1.0, len(hits) / 2), len(hits) >= 2, f"keywords found: {hits}", counted=False)


def claims_hold(ctx: AttemptContext) -> GradeResult:
    """The model's claims match what ran: every discrepancy the runtime recorded (files listed but not written,
    tests claimed but not run, regression tests that reproduce nothing) costs a quarter of the score."""
    name = "claims_hold"
    if ctx.outcome is None:
        return GradeResult(name, 0.0, False, "no outcome", penalty=True)
    found = ctx.outcome.run.discrepancies
    score = max(0.0, 1.0 - DISCREPANCY_COST * len(found))
    detail = "; ".join(found[:3]) if found else "no discrepancies"
    return GradeResult(name, score, not found, f"{len(found)} discrepanc(ies): {detail}" if found else detail,
                       penalty=True)


# ---- informational -----------------------------------------------------------------------------------------


def mutation_score(ctx: AttemptContext) -> GradeResult:
    """The run's mutation probe, when it ran (not counted: the seeded bugs are the graded mutants)."""
    check = ctx.outcome.run.checks.mutation if ctx.outcome else None
    if check is None or check.score is None:
        return GradeResult("mutation_score", 0.0, False, "not measured", counted=False)
    return GradeResult("mutation_score", check.score, check.score >= 0.6, check.summary, counted=False)


def coverage_delta(ctx: AttemptContext) -> GradeResult:
    """Line coverage of the targets after the new tests, and what they added, when the run measured it."""
    check = ctx.outcome.run.checks.coverage if ctx.outcome else None
    before, after = (check.before or {}, check.after or {}) if check else ({}, {})
    if check is None or not isinstance(after.get("lines"), int | float):
        return GradeResult("coverage_delta", 0.0, False, check.summary if check else "not measured", counted=False)
    delta = float(after["lines"]) - float(before.get("lines", 0.0))
    return GradeResult("coverage_delta", round(float(after["lines"]) / 100, 4), delta > 0,
                       f"{delta:+.1f} points: {check.summary}", counted=False)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


Grader = Callable[[AttemptContext], GradeResult]

GRADERS: dict[str, list[Grader]] = {
    "files": [outcome_agrees, source_untouched, sound_tests, tests_pass, bugs_detected, scenarios_covered,
              regression_lock, claims_hold, mutation_score, coverage_delta],
    "advice": [outcome_agrees, no_files_written, advice_given, claims_hold],
    "diagnosis": [outcome_agrees, source_untouched, sound_tests, isolation_fixed, bugs_detected, claims_hold,
                  diagnosis_given],
}


def grade(ctx: AttemptContext) -> list[GradeResult]:
    """Every grader for the case's kind; a grader that crashes is a failed grade saying why, never a lost attempt."""
    results = []
    for grader in GRADERS[ctx.case.kind]:
        try:
            results.append(grader(ctx))
        except Exception as exc:  # a broken grader must not lose the attempt's other grades
            results.append(GradeResult(grader.__name__, 0.0, False, f"grader error: {type(exc).__name__}: {exc}"))
    return results


def attempt_score(grades: list[GradeResult]) -> tuple[float, bool]:
    """0 when a gate failed, else the mean of the counted quality grades times every penalty's score; passed when
    every counted grade passed."""
    counted = [g for g in grades if g.counted]
    gates_ok = all(g.passed for g in counted if g.gate)
    quality = [g.score for g in counted if not g.gate and not g.penalty]
    score = (sum(quality) / len(quality) if quality else 1.0) if gates_ok else 0.0
    for penalty in (g for g in counted if g.penalty):
        score *= penalty.score
    return round(score, 4), gates_ok and all(g.passed for g in counted)
