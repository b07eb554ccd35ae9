"""The runtime proves what the model wrote: it runs the tests itself and fills `run` from what it observed.

Two entry points used by the loop:
- `precheck(ctx)` runs before a submission is accepted; each problem it returns goes back to the model
  as a tool error (bounded by the loop), so the model can repair flaky or assertion-free tests. Once those
  are clean, surviving mutants are handed back once per repo and request (MuTAP's loop), never again.
- `build_report(ctx)` runs after the final submission and returns a `Verification`: the `RunReport` the outcome
  carries, and the gaps (things it could not prove) that the session appends to the outcome's `gaps`.

One `Verifier` per run remembers what was proven, keyed on the content of the new tests *and* of the code under
test, so the submit-time precheck and the final report share results instead of re-running them; it also
remembers which rounds (surviving mutants, untested request items) already went back to the model: once per run.

Options (`ctx.options`): `flake_reruns` (5), `fixed_ref`, `mark_xfail`, `mutants`, `max_mutants` (30),
`mutation_budget_s` (300), `coverage` (True), `request_round` (True from the CLI; the session clears it for
the offline engine: the request's untested items go back to the model once, like surviving mutants).
`mutants`: absent = the probe runs in `build_report` only; True (the CLI default) = survivors also go back to
the model once in `precheck`; False (`--no-mutants`) = no probe.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent import integrity
from agent.accounting import account, evidence, kills_of
from agent.outcome import AssertionsCheck, CommandRun, CoverageCheck, Gap, ModelSubmission, RunReport
from agent.proof.assertions import Finding, scan_file, target_modules
from agent.proof.coverage import after_traced, delta, from_totals, measure, skipped
from agent.proof.flake import FlakeReport, check_flakes, judge, new_test_ids, plan_reruns
from agent.proof.mutation import (
    DEFAULT_BUDGET_S,
    DEFAULT_MAX_MUTANTS,
    MutationReport,
    ProofRun,
    TracedCoverage,
)
from agent.proof.regression import RegressionResult, lock, mark_xfail
from agent.request import parse_request
from agent.runners import Runner, detect_runner, run_tests
from agent.sandbox import Sandbox
from agent.targets import code_under_test
from agent.triage import triage

DEFAULT_FLAKE_RERUNS = 5


@dataclass
class Verifier:
    """One run's verification memory. Proofs are cached by `content_key` (the new tests and the code under test)."""

    flakes: dict[str, FlakeReport] = field(default_factory=dict)
    mutation: dict[str, MutationReport] = field(default_factory=dict)
    coverage: dict[tuple[str, tuple[str, ...]], TracedCoverage] = field(default_factory=dict)
    survivors_sent: bool = False
    """Surviving mutants went back to the model (they go back once)."""
    request_sent: bool = False
    """The request's untested items went back to the model (once)."""


@dataclass
class Verification:
    """What `build_report` found: the report the outcome carries and what it could not prove."""

    report: RunReport
    gaps: list[Gap] = field(default_factory=list)


@dataclass
class VerifyContext:
    """What verification needs to know about one run."""

    repo: Path
    submission: ModelSubmission
    sandbox: Sandbox
    request: str
    written_files: list[str]
    """Repo-relative test files the run created or modified (observed by the workspace, not claimed)."""
    runner: Runner | None = None
    timeout_s: float = 300
    options: dict[str, object] = field(default_factory=dict)
    """Verification options from the CLI (flake reruns, fixed ref, mark-xfail, mutants...)."""
    code: list[str] | None = None
    """The Python files under test, from evidence (`agent.targets.code_under_test`); found on first use."""
    changed_files: list[str] = field(default_factory=list)
    """Every repo-relative file the run wrote (tests, conftest, config): scanned for outcome-altering code."""
    verifier: Verifier = field(default_factory=Verifier)
    """The run's memory; share one between the prechecks and the final report of a run."""
    suite: list[str] | None = None
    """The repo's existing test files (from triage, passed forward); read from the tree when None."""


def code_files(ctx: VerifyContext) -> list[str]:
    """The Python files coverage and mutants are measured on: the code the new tests reach, not the app's file."""
    if ctx.code is None:
        ctx.code = code_under_test(ctx.repo, ctx.submission.test_surface.targets, sorted(ctx.written_files))
    return ctx.code


def precheck(ctx: VerifyContext) -> list[str]:
    """Problems the model must fix before its submission is accepted (empty when none)."""
    problems = [str(f) for f in _assertion_findings(ctx)]
    runner = ctx.runner or detect_runner(ctx.repo)
    test_files = sorted(ctx.written_files)
    if runner is not None and test_files and _reruns(ctx) > 1:
        coverage = code_files(ctx) \
            if runner.name == "pytest" and ctx.options.get("coverage", True) else []
        memory = ctx.verifier
        # The survivors round is opt-in (`mutants: True`, the CLI's default) so a plain API caller is not sent back.
        survivors_round = not memory.survivors_sent and ctx.options.get("mutants") is True \
            and _mutants_on(ctx, runner)
        with contextlib.ExitStack() as stack:
            early = _start_proofs(ctx, runner, survivors_round, coverage)
            if early is not None:
                stack.enter_context(early)
            first, _ = run_tests(runner, ctx.sandbox, ctx.repo, test_files, timeout=ctx.timeout_s)
            if not first.tests:
                if early is not None:
                    early.cancel()
                return [*problems, f"no test ran ({runner.name} exit {first.exit_code}"
                        + (f": {first.error})" if first.error else ")") + "; fix what stops the runner"]
            flakes, mutation = _proofs(ctx, runner, first, survivors_round, coverage, early)
        problems += [f"{test_id} is flaky: " + "; ".join(evidence) + " (load the troubleshooting reference)"
                     for test_id, evidence in flakes.flaky.items()]
        if not problems and ctx.options.get("request_round") and not memory.request_sent:
            untested = _untested_items(ctx, first, mutation)
            if untested:
                memory.request_sent = True
                problems.append("the request names these, but no new test that ran shows them (matched by test "
                                "name, body and status code): " + "; ".join(untested) + ". Add tests for them, or "
                                "say in `gaps` why they are not tested")
        if not problems and mutation is not None and mutation.survivors:
            memory.survivors_sent = True
            problems.append("these mutants of the code under test survive every new test (no test fails when "
                            "the code changes like this); add assertions that catch them, or say in `gaps` why "
                            "they do not matter: " + "; ".join(mutation.survivors))
    return problems


def _untested_items(ctx: VerifyContext, first: CommandRun, mutation: MutationReport | None) -> list[str]:
    items = parse_request(ctx.request)
    if not items:
        return []
    coverage = account(ctx.repo, items, evidence(ctx.repo, first.tests, sorted(ctx.written_files)),
                       kills_of(mutation.mutants if mutation else []))
    return [i.item for i in coverage.items if not i.tests]


def _mutants_on(ctx: VerifyContext, runner: Runner) -> bool:
    return runner.name == "pytest" and bool(ctx.options.get("mutants", True))


def _proofs(ctx: VerifyContext, runner: Runner, first: CommandRun, with_mutants: bool, coverage: Sequence[str] = (),
            early: ProofRun | None = None) -> tuple[FlakeReport, MutationReport | None]:
    """Flake reruns, (when asked) the mutation probe and the new tests' coverage, cached by the new files' content.

    Under pytest all three go through one proof-driver process: reruns are forked clean children, and its traced
    run (which maps tests to lines for the mutants and measures `coverage` of those files) counts as one of the
    reruns. The traced coverage waits in the verifier for `build_report`. `early` is that driver when
    `_start_proofs` started it before the first run.
    """
    memory = ctx.verifier
    key = _content_key(ctx)
    need_flakes, need_mutants, need_coverage = _needs(ctx, key, with_mutants, coverage)
    if runner.name != "pytest":
        if need_flakes:
            memory.flakes[key] = check_flakes(runner, ctx.sandbox, ctx.repo, first, sorted(ctx.written_files),
                                              _suite(ctx), _reruns(ctx), ctx.timeout_s)
        return memory.flakes[key], None
    new = sorted(ctx.written_files)
    ids = new_test_ids(first, new)
    if need_flakes or need_mutants or need_coverage:
        passing = [t.id for t in first.tests if t.status == "passed" and t.id in ids]
        plans = plan_reruns(ids, [f for f in _suite(ctx) if f not in new], _reruns(ctx) - 1) \
            if need_flakes and ids else []
        # The traced run (isolated) takes the place of an isolated rerun, else of the last one, when there is one.
        spare = plans.pop(max((i for i, p in enumerate(plans) if p[0] == "isolated"), default=len(plans) - 1)) \
            if plans else None
        with early or _proof_run(ctx, need_mutants, coverage if need_coverage else (), start=False) as proof:
            mutation, runs, traced = proof.finish(passing, plans, ids if (need_mutants or need_coverage) else [],
                                                  spare)
        if need_flakes:
            judged = [(r.label, r.statuses) for r in runs] if _reruns(ctx) > 1 else []
            memory.flakes[key] = judge(first, ids, judged)
        if need_mutants:
            memory.mutation[key] = mutation
        if need_coverage and traced is not None:
            memory.coverage[(key, tuple(coverage))] = traced
    elif early is not None:
        early.cancel()
    return memory.flakes[key], memory.mutation.get(key) if with_mutants else None


def _needs(ctx: VerifyContext, key: str, with_mutants: bool, coverage: Sequence[str]) -> tuple[bool, bool, bool]:
    """Which proofs are not cached yet: flakes, mutants, coverage."""
    memory = ctx.verifier
    return (key not in memory.flakes, with_mutants and key not in memory.mutation,
            bool(coverage) and (key, tuple(coverage)) not in memory.coverage)


def _start_proofs(ctx: VerifyContext, runner: Runner, with_mutants: bool, coverage: Sequence[str]
                  ) -> ProofRun | None:
    """The pytest proof driver, started now when it will be needed, so its start-up overlaps the first run."""
    if runner.name != "pytest":
        return None
    need_flakes, need_mutants, need_coverage = _needs(ctx, _content_key(ctx), with_mutants, coverage)
    if not ((need_flakes and _reruns(ctx) > 1) or need_mutants or need_coverage):
        return None
    return _proof_run(ctx, need_mutants, coverage if need_coverage else (), start=True)


def _proof_run(ctx: VerifyContext, mutate: bool, coverage: Sequence[str], start: bool) -> ProofRun:
    new = sorted(ctx.written_files)
    files = code_files(ctx) if mutate else []
    return ProofRun(ctx.sandbox, ctx.repo, files, mutate=mutate, coverage=coverage, collect=new,
                    sources=[*new, *_suite(ctx)], start=start,
                    max_mutants=_int_option(ctx, "max_mutants", DEFAULT_MAX_MUTANTS),
                    budget_s=float(_int_option(ctx, "mutation_budget_s", int(DEFAULT_BUDGET_S))))


def _coverage_check(ctx: VerifyContext, files: list[str], suite: list[str], before: dict[str, Any],
                    before_data: Path) -> CoverageCheck:
    """The coverage delta, "after" taken from the proof driver's traced run when it made one."""
    new = sorted(ctx.written_files)
    traced = ctx.verifier.coverage.get((_content_key(ctx), tuple(files)))
    if traced is not None and traced.error:
        return skipped(traced.error)
    if traced is None or "error" in before:
        after = measure(ctx.sandbox, ctx.repo, files, [*suite, *new], ctx.timeout_s)
    elif suite:
        after = after_traced(ctx.sandbox, ctx.repo, files, before_data, traced.data, len(suite) + len(new),
                             ctx.timeout_s)
    else:
        after = from_totals(traced.totals, len(new))
    return delta(files, before, after)


def _suite(ctx: VerifyContext) -> list[str]:
    if ctx.suite is None:
        ctx.suite = triage(ctx.repo).test_files
    return [f for f in ctx.suite if f not in ctx.written_files]


def _int_option(ctx: VerifyContext, name: str, default: int) -> int:
    value = ctx.options.get(name, default)
    try:
        return int(value) if isinstance(value, int | float | str) else default
    except ValueError:
        return default


def _mark_xfail(ctx: VerifyContext, locked: RegressionResult) -> bool:
    """Land reproduced bugs as strict xfails so the suite stays green until the fix; True when a file changed."""
    by_file: dict[str, dict[str, str]] = {}
    for entry in locked.tests:
        if entry["reproduces"]:
            path, name = entry["id"].rsplit("::", 1)
            by_file.setdefault(path, {})[name.split("[", 1)[0]] = entry["reason"] or "reproduces a known bug"
    changed = False
    for rel, reasons in by_file.items():
        if rel.endswith(".py") and rel in ctx.written_files:
            changed = mark_xfail(ctx.repo, rel, reasons) or changed
    return changed


def _reruns(ctx: VerifyContext) -> int:
    value = ctx.options.get("flake_reruns", DEFAULT_FLAKE_RERUNS)
    return int(value) if isinstance(value, int | str) else DEFAULT_FLAKE_RERUNS


def _assertion_findings(ctx: VerifyContext) -> list[Finding]:
    modules = target_modules(ctx.submission.test_surface.targets)
    return [f for rel in sorted(ctx.written_files) for f in scan_file(ctx.repo, rel, modules)]


def _content_key(ctx: VerifyContext) -> str:
    """The new tests and the code under test, by content: a proof of other tests or other code is not reused."""
    digest = hashlib.sha256(str(ctx.repo).encode())
    for kind, files in (("test", sorted(ctx.written_files)), ("code", code_files(ctx))):
        for rel in files:
            digest.update(f"{kind}:{rel}\0".encode())
            with contextlib.suppress(OSError):
                digest.update((ctx.repo / rel).read_bytes())
    return digest.hexdigest()


def _regression(ctx: VerifyContext, runner: Runner, run: CommandRun, regression: set[str], report: RunReport
                ) -> tuple[CommandRun, set[str]]:
    """The regression lock into `report`; with `mark_xfail`, the run after marking. Returns it and the reproduced."""
    test_files = sorted(ctx.written_files)
    fixed_ref = ctx.options.get("fixed_ref") or None
    locked = lock(runner, ctx.sandbox, ctx.repo, run, regression, test_files, ctx.timeout_s,
                  str(fixed_ref) if fixed_ref else None)
    report.checks.regression = locked.to_check(str(fixed_ref) if fixed_ref else None)
    for entry in locked.tests:
        if entry["reproduces"]:
            report.findings.append(entry["reason"] or f"{entry['id']} reproduces the bug")
        else:
            report.discrepancies.append(f"{entry['id']} is marked as a regression test but does not reproduce "
                                        f"a bug ({entry['reason']}" + (f"; on the fixed ref: {entry['fixed_ref']}"
                                                                       if "fixed_ref" in entry else "") + ")")
    if locked.missing:
        report.discrepancies.append("regression tests named in the outcome were not run: " + ", ".join(locked.missing))
    if ctx.options.get("mark_xfail") and _mark_xfail(ctx, locked):
        run, _ = run_tests(runner, ctx.sandbox, ctx.repo, test_files, timeout=ctx.timeout_s)
        report.commands.append(run)
    return run, locked.reproduced


def build_report(ctx: VerifyContext) -> Verification:
    """Run the written tests and report what happened, and what could not be proven."""
    start = time.monotonic()
    report = RunReport()
    runner = ctx.runner or detect_runner(ctx.repo)
    test_files = sorted(ctx.written_files)
    if runner is None or not test_files:
        report.verified = False
        report.verdict = "no test runner was recognised in the repo" if runner is None else "no test was written"
        report.duration_s = round(time.monotonic() - start, 3)
        return Verification(report)
    regression = {name for f in ctx.submission.implementation.files for name in f.regression}
    coverage_on = runner.name == "pytest" and bool(ctx.options.get("coverage", True))
    files = code_files(ctx) if coverage_on else []
    with contextlib.ExitStack() as stack:
        # Marking xfails rewrites the test files after the first run: the driver must not collect them before.
        early = None if regression and ctx.options.get("mark_xfail") else \
            _start_proofs(ctx, runner, _mutants_on(ctx, runner), files)
        if early is not None:
            stack.enter_context(early)
        run, _ = run_tests(runner, ctx.sandbox, ctx.repo, test_files, timeout=ctx.timeout_s)
        report.commands.append(run)
        if not run.tests:  # nothing ran: no proof can be reported on zero tests, only why none ran
            if early is not None:
                early.cancel()
            return _nothing_ran(report, runner, run, start)
        reproduced: set[str] = set()
        if regression:
            run, reproduced = _regression(ctx, runner, run, regression, report)
        suite = _suite(ctx)
        before_data = ctx.sandbox.scratch.output("coverage.before")
        stack.callback(ctx.sandbox.scratch.discard, before_data)
        with ThreadPoolExecutor(max_workers=1) as pool:  # the existing suite's coverage run beside the proof driver
            before = pool.submit(measure, ctx.sandbox, ctx.repo, files, suite, ctx.timeout_s, before_data) \
                if files else None
            flakes, mutation = _proofs(ctx, runner, run, _mutants_on(ctx, runner), files, early)
            if before is not None:
                report.checks.coverage = _coverage_check(ctx, files, suite, before.result(), before_data)
            elif coverage_on:
                report.checks.coverage = skipped("no Python code under test found (no route the new tests "
                                                    "call, module they import or target file)")
    unexpected = [t for t in run.tests if t.status in ("failed", "error", "xpassed") and t.id not in reproduced]
    report.checks.flake = flakes.to_check()
    findings = _assertion_findings(ctx)
    report.checks.assertions = AssertionsCheck(summary=f"{len(findings)} weak spot(s) in the new tests",
                                               findings=[str(f) for f in findings])
    gaps = [Gap(item=f"flaky: {test_id}", reason="; ".join(evidence[:3]), risk="high")
            for test_id, evidence in flakes.flaky.items()]
    gaps += [Gap(item=f"weak test: {f}", reason="found by the assertion scan", risk="medium") for f in findings]
    if mutation is not None:
        report.checks.mutation = mutation.to_check()
        gaps += [Gap(item=f"surviving mutant: {s}", reason="no new test fails when the code changes like this",
                     risk="medium") for s in mutation.survivors]
        if mutation.skipped:
            gaps.append(Gap(item="mutation probe", reason=mutation.skipped, risk="low"))
    elif ctx.options.get("mutants", True):
        gaps.append(Gap(item="mutation probe", reason=f"not available for {runner.name} (Python under pytest only)",
                        risk="low"))
    trust = integrity.check(runner, ctx.sandbox, ctx.repo, run, test_files, ctx.changed_files, ctx.timeout_s)
    report.checks.integrity = trust.to_check()
    report.discrepancies += [f"untrusted result: {p}" for p in trust.problems]
    gaps += [Gap(item=f"untrusted result: {p}", reason="the runtime cannot trust results that code the run wrote "
                 "can rewrite", risk="high") for p in trust.problems]
    report.verified = bool(run.tests) and not unexpected and not flakes.flaky and not trust.problems
    report.verdict = ("the new tests ran and behaved as the outcome says" if report.verified else
                      f"{len(unexpected)} test(s) failed unexpectedly" if unexpected else
                      f"{len(flakes.flaky)} flaky test(s)" if flakes.flaky else
                      "a result the run could have rewritten is not trusted" if trust.problems else "no test ran")
    report.duration_s = round(time.monotonic() - start, 3)
    return Verification(report, gaps)


def _nothing_ran(report: RunReport, runner: Runner, run: CommandRun, start: float) -> Verification:
    """The report of a run in which the runner reported no test: its first error line in `run` and `gaps`."""
    why = f"{runner.name} exit {run.exit_code}" + (f": {run.error}" if run.error else "")
    report.verified = False
    report.verdict = f"no test ran ({why})"
    report.duration_s = round(time.monotonic() - start, 3)
    return Verification(report, [Gap(item="no test ran", reason=why, risk="high")])



