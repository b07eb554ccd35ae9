"""One run, end to end: triage -> skill -> loop -> submit -> verify -> outcome. Data flows one way."""

from __future__ import annotations

import importlib
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent import verify
from agent.accounting import account, evidence, kills_of
from agent.deps import install_dependencies
from agent.errors import UsageError
from agent.gitops import git_root
from agent.loop import Budget, LoopResult, run_loop
from agent.models.base import Model
from agent.models.catalog import DEFAULT_MODEL, estimate_cost
from agent.outcome import (
    FileChange,
    Gap,
    Implementation,
    ModelSubmission,
    Plan,
    RunReport,
    TestingOutcome,
    TestSurface,
    Usage,
)
from agent.proof.regression import validate_ref
from agent.record import RunRecord
from agent.redact import default_redactor
from agent.request import check_request, parse_request
from agent.runners.pytest import repo_python
from agent.sandbox import Sandbox, default_sandbox
from agent.skill import default_skill_dir, load_skill
from agent.targets import validate_targets
from agent.templating import environment
from agent.terminal import safe_lines
from agent.testfiles import is_test_file
from agent.tools import ToolContext
from agent.triage import Triage, defined_tests, holds_a_test, triage
from agent.workspace import Workspace

MAX_PRECHECK_ROUNDS = 2
"""How many times the runtime's prechecks may send a submission back before it is accepted as is."""



class RunConfig(BaseModel):
    """Everything one run needs; the CLI, the GitHub handler and the eval harness all build one."""

    model_config = ConfigDict(extra="forbid")

    repo: Path
    """The checked-out git repository to write tests into."""
    request: str = Field(min_length=1)
    """What the user asked for, e.g. `add tests for the orders endpoint`."""
    request_context: str = ""
    """Data about where the request was asked (a GitHub thread), shown to the model after it; never parsed as
    part of what the request names."""
    model: str | None = None
    """`offline`, a Claude model id, or None for the default (`ASSAY_MODEL`, else Claude with a key, else offline)."""
    skill_dir: Path | None = Field(default_factory=default_skill_dir)
    """The skill folder; None runs with no skill at all (the evals' baseline)."""
    max_turns: int = Field(40, ge=1)
    max_output_tokens: int = Field(200_000, ge=1)
    wall_clock_s: float = Field(1800.0, gt=0)
    max_tokens_per_turn: int = Field(16_000, ge=256)
    allow_source_edits: bool = False
    """Let the model write non-test files. Only the user's flag or the repo owner's config may set this."""
    require_sandbox: bool = False
    """Refuse to run when no isolating sandbox is available."""
    verify_timeout_s: float = Field(300.0, gt=0)
    install_deps: bool = False
    """Run the repo's own install command (with network, without secrets) before the sandboxed run."""
    verify_options: dict[str, Any] = Field(default_factory=dict)
    """Passed to verification: flake_reruns, fixed_ref, mark_xfail, no_xfail, mutants..."""


@dataclass
class SessionResult:
    """What a run produced."""

    outcome: TestingOutcome
    run_dir: Path
    exit_code: int
    written_files: list[str]


def resolve_model(config: RunConfig, warn: Callable[[str], None]) -> Model:
    """Build the model backend for `config`."""
    name = config.model or os.environ.get("ASSAY_MODEL")
    has_key = bool(os.environ.get("ANTHROPIC_API_KEY"))
    if not name:
        if not has_key:
            warn("assay: ANTHROPIC_API_KEY is not set; using the offline engine (--model offline)")
        name = DEFAULT_MODEL if has_key else "offline"
    if name == "offline":
        try:
            offline = importlib.import_module("agent.models.offline")
        except ImportError:
            raise UsageError("the offline engine is not available in this build") from None
        engine: Model = offline.OfflineModel()
        return engine
    if not has_key:
        raise UsageError(f"--model {name} needs ANTHROPIC_API_KEY; set it, or use --model offline")
    from agent.models.anthropic import AnthropicModel  # the SDK loads only when a Claude model is used

    return AnthropicModel(name, base_url=os.environ.get("ANTHROPIC_BASE_URL") or None)


def command_env(repo: Path) -> dict[str, str]:
    """PATH for commands: the repo's virtualenv (or assay's own interpreter) first, so `python` has its deps."""
    bin_dir = str(Path(repo_python(repo)).parent)
    return {"PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")])}


def check_repo(repo: Path) -> Path:
    """The repo's absolute path, or a one-line `UsageError` saying what is wrong with it.

    A folder inside a checkout (a package of a monorepo) is a repo of its own here: the checkout is found
    upward, and the run reads, writes and tests under the folder only.
    """
    if not repo.exists():
        raise UsageError(f"repository not found: {repo}")
    if not repo.is_dir():
        raise UsageError(f"not a directory: {repo}")
    if git_root(repo) is None:
        raise UsageError(f"not a git repository: {repo} (assay writes into a git checkout so every change can be "
                         "reviewed; run `git init` first)")
    return repo.resolve()


def run_session(
    config: RunConfig,
    *,
    model: Model | None = None,
    sandbox: Sandbox | None = None,
    progress: Callable[[str], None] | None = None,
) -> SessionResult:
    """Run the agent on `config.repo` and return the validated, runtime-verified outcome."""
    say = safe_lines(progress or (lambda line: print(line, file=sys.stderr, flush=True)))
    check_request(config.request)
    repo = check_repo(config.repo)
    if config.verify_options.get("fixed_ref"):
        validate_ref(repo, str(config.verify_options["fixed_ref"]))
    skill = load_skill(config.skill_dir) if config.skill_dir is not None else None
    facts = triage(repo)
    owns_model = model is None
    model = model or resolve_model(config, say)
    owns_sandbox = sandbox is None
    sandbox = sandbox or default_sandbox(require=config.require_sandbox)
    workspace = Workspace(repo, allow_source_edits=config.allow_source_edits)
    record = RunRecord(repo, default_redactor())
    start = time.monotonic()
    say(f"assay: run {record.run_id} · model {model.name} · sandbox {sandbox.name} · skill "
        f"{skill.name if skill else 'none'}")
    record.event("sandbox", name=sandbox.name)
    try:
        if config.install_deps:
            _install(repo, record, say)
        precheck_rounds: list[list[str]] = []  # every round's problems; the last one is what stays unresolved
        verifier = verify.Verifier()  # the prechecks and the final report share what was proven

        def precheck(submission: ModelSubmission) -> list[str]:
            if sum(map(bool, precheck_rounds)) >= MAX_PRECHECK_ROUNDS:
                return []  # out of rounds: the last problems are reported as unresolved
            context = _verify_context(config, repo, submission, sandbox, workspace, verifier, facts)
            # Opt-in like the survivors round (the CLI asks for it); the offline engine cannot write more tests.
            context.options["request_round"] = model.name != "offline" and bool(
                config.verify_options.get("request_round"))
            problems = verify.precheck(context)
            precheck_rounds.append(problems)
            return problems

        ctx = ToolContext(workspace, sandbox, skill, precheck, env=command_env(repo))
        result = run_loop(
            model, ctx,
            system=environment().get_template("system.md.j2").render(skill=skill,
                                                                allow_source_edits=config.allow_source_edits),
            first_message=_first_message(config, facts),
            budget=Budget(config.max_turns, config.max_output_tokens, config.wall_clock_s,
                          config.max_tokens_per_turn),
            record=record,
            progress=say,
        )
        say("assay: verifying the tests")
        outcome = _assemble(config, repo, facts, result, workspace, sandbox, model.name,
                            precheck_rounds[-1] if precheck_rounds else [], verifier)
        outcome.run.run_id = record.run_id
        outcome.run.sandbox = sandbox.name
        outcome.run.duration_s = round(time.monotonic() - start, 3)
        record.write_outcome(outcome)
        record.event("outcome", verified=outcome.run.verified)
    except BaseException as exc:
        record.event("aborted", error=f"{type(exc).__name__}: {exc}")
        raise
    finally:
        record.close()
        if owns_sandbox:
            sandbox.close()  # its scratch folders, outside the repo
        close = getattr(model, "close", None)
        if owns_model and callable(close):
            close()
    # Exit 0 only for a verified outcome: a run that wrote nothing, or whose tests did not run, is not a success.
    return SessionResult(outcome, record.dir, 0 if outcome.run.verified else 1, sorted(workspace.written))


def _install(repo: Path, record: RunRecord, say: Callable[[str], None]) -> None:
    installed = install_dependencies(repo)
    if installed is None:
        say("assay: --install-deps: no manifest to install from")
        record.event("install", command=None)
        return
    say(f"assay: --install-deps: {installed.command} (exit {installed.exit_code})")
    record.event("install", command=installed.command, exit_code=installed.exit_code, output=installed.output)
    if installed.exit_code != 0:
        tail = installed.output.strip().splitlines()[-1:] or ["no output"]
        raise UsageError(f"installing dependencies failed (exit {installed.exit_code}): {tail[0][:200]}")


def _first_message(config: RunConfig, facts: Triage) -> str:
    options = [name for name, on in (("no_xfail", config.verify_options.get("no_xfail")),
                                      ("mark_xfail", config.verify_options.get("mark_xfail")),
                                      ("allow_source_edits", config.allow_source_edits)) if on]
    request = f"{config.request}\n\n{config.request_context}" if config.request_context else config.request
    return environment().get_template("first_message.md.j2").render(request=request, triage=facts.to_prompt(),
                                                                options=options)


def _test_files(paths: list[str]) -> list[str]:
    return [p for p in paths if is_test_file(p)]


def _files_to_verify(suite: list[str], written: list[str]) -> list[str]:
    """The test files the run wrote; when it changed only test support (a conftest.py, runner config), the
    repo's whole suite, since that is what such a change is for (an isolation fix is proven by the suite)."""
    tests = _test_files(written)
    if tests or not written:
        return tests
    return list(suite)


def _verify_context(config: RunConfig, repo: Path, submission: ModelSubmission, sandbox: Sandbox,
                    workspace: Workspace, verifier: verify.Verifier, facts: Triage) -> verify.VerifyContext:
    return verify.VerifyContext(repo=repo, submission=submission, sandbox=sandbox, request=config.request,
                                written_files=_files_to_verify(facts.test_files, sorted(workspace.written)),
                                changed_files=sorted(workspace.written),
                                timeout_s=config.verify_timeout_s, options=dict(config.verify_options),
                                verifier=verifier, suite=list(facts.test_files))


def _assemble(
    config: RunConfig, repo: Path, facts: Triage, result: LoopResult, workspace: Workspace, sandbox: Sandbox,
    model_name: str, unresolved: list[str], verifier: verify.Verifier,
) -> TestingOutcome:
    """The outcome: the model's sections reconciled with what the workspace saw, and `run` from verification."""
    submission = result.submission or _fallback_submission(config, facts, result.stopped_because or "unknown")
    removed = _remove_testless_files(repo, workspace)
    reused = _reuse_earlier_files(repo, workspace, facts.test_files)
    verification = verify.build_report(_verify_context(config, repo, submission, sandbox, workspace, verifier, facts))
    run = verification.report
    targets, unknown = validate_targets(repo, submission.test_surface.targets)
    surface = submission.test_surface.model_copy(update={"triage": facts.facts, "targets": targets})
    kept = [f.model_copy(update={"path": reused.get(f.path.removeprefix("./"), f.path), "action": "reused"})
            if f.path.removeprefix("./") in reused else f
            for f in submission.implementation.files if f.path.removeprefix("./") not in removed]
    files, discrepancies = _reconcile(kept, workspace.written)
    run.discrepancies += [f"removed {path}: the run created it, but it holds no test" for path in removed]
    run.discrepancies += [f"test_surface.targets named {t!r}, which is not in the tree; dropped" for t in unknown]
    run.discrepancies.extend(discrepancies)
    run.discrepancies += [f"a command changed {rel} outside the file tools (sandbox {sandbox.name})"
                          for rel in sorted(workspace.command_edits)]
    ran = {t.id.rsplit("::", 1)[-1].split("[", 1)[0] for c in run.commands for t in c.tests}
    ran |= {re.split(r" [>›] ", name)[-1] for name in ran}  # Jest/Vitest ids prefix describe blocks: "a > test"
    if run.commands:
        claimed = {name for f in files for name in f.tests}
        run.discrepancies += [f"the outcome lists test {name}, but the runtime's run did not report it"
                              for name in sorted(claimed - ran)]
    gaps = list(submission.gaps)
    gaps += verification.gaps
    gaps += [Gap(item=f"unresolved runtime check: {p}", reason="the model did not fix it within the allowed "
                 "attempts", risk="medium") for p in unresolved if not any(p.startswith(g.item) for g in gaps)]
    if result.stopped_because:
        gaps.insert(0, Gap(item=f"the run ended before a validated outcome: {result.stopped_because}",
                           reason="budget or model stop; the files written so far are listed and verified",
                           risk="high"))
    if result.submission is None:
        run.verified, run.verdict = False, f"the run ended before a validated outcome ({result.stopped_because})"
    elif not _files_to_verify(facts.test_files, sorted(workspace.written)):
        _judge_answer(run, submission, surface.targets, gaps)
    if submission.plan.layers != ["advice"] or workspace.written:
        verified_files = _files_to_verify(facts.test_files, sorted(workspace.written))
        gaps += _account_for_request(config.request, repo, run, verified_files)
    usage = result.usage
    run.usage = Usage(model=model_name, turns=result.turns, input_tokens=usage.input_tokens,
                      output_tokens=usage.output_tokens,
                      cache_creation_input_tokens=usage.cache_creation_input_tokens,
                      cache_read_input_tokens=usage.cache_read_input_tokens,
                      estimated_cost_usd=0.0 if model_name in ("offline", "scripted") else
                      estimate_cost(model_name, usage))
    notes = submission.implementation.notes
    for new, earlier in sorted(reused.items()):
        notes += ("\n\n" if notes else "") + (
            f"{earlier} already held these tests (an earlier run's file): reused as it is, not duplicated as {new}."
            if new != earlier else f"{earlier} already held these tests (an earlier run's file): reused unchanged.")
    return TestingOutcome(
        test_surface=surface,
        plan=submission.plan,
        implementation=submission.implementation.model_copy(update={"files": files, "notes": notes}),
        run=run,
        gaps=gaps,
    )


def _remove_testless_files(repo: Path, workspace: Workspace) -> list[str]:
    """Delete the test files this run created that define no test and that no other written file imports;
    a file like that only makes the runner collect nothing. Returns their paths."""
    texts = {rel: (repo / rel).read_text(encoding="utf-8", errors="replace") for rel in workspace.written
             if (repo / rel).is_file()}
    removed = []
    for rel, text in texts.items():
        stem = Path(rel).stem
        used = any(re.search(rf"\b{re.escape(stem)}\b", other) for path, other in texts.items() if path != rel)
        if workspace.written[rel] == "created" and is_test_file(rel) and not holds_a_test(rel, text) and not used:
            (repo / rel).unlink()
            del workspace.written[rel]
            removed.append(rel)
    return sorted(removed)


def _account_for_request(request: str, repo: Path, run: RunReport, files: list[str]) -> list[Gap]:
    """Match what the request names to the tests that ran; a `not tested` gap per item none shows. A run whose
    tests show none of the named items is not verified: it answered some other request."""
    items = parse_request(request)
    if not items:
        return []
    ran = {t.id: t for c in run.commands for t in c.tests}  # the last run of a test wins
    killed = kills_of(run.checks.mutation.mutants if run.checks.mutation else [])
    run.request = account(repo, items, evidence(repo, list(ran.values()), files), killed)
    missing = [i for i in run.request.items if not i.tests]
    if run.verified and len(missing) == len(run.request.items):
        run.verified = False
        run.verdict = f"none of the {len(missing)} item(s) the request names is shown by a test that ran"
    return [Gap(item=f"not tested: {i.item}", reason=i.why or "", risk="high" if i.kind != "behaviour" else "medium")
            for i in missing]


def _reuse_earlier_files(repo: Path, workspace: Workspace, before: list[str]) -> dict[str, str]:
    """A rerun of a request an earlier run answered: a new test file holding exactly the tests of a test file the
    repo already had is removed, and that earlier file is verified instead; a file rewritten byte for byte is
    marked reused. Returns {path written by this run: the earlier file it duplicates}."""
    names = {rel: defined_tests(rel, _read(repo / rel)) for rel in before}
    reused: dict[str, str] = {}
    for rel, action in sorted(workspace.written.items()):
        current = _read(repo / rel)
        if action == "modified" and workspace.originals.get(rel) == current.encode("utf-8"):
            reused[rel] = rel
            continue
        mine = defined_tests(rel, current) if action == "created" and is_test_file(rel) else set()
        twin = next((old for old in before if mine and names.get(old) == mine), None)
        if twin is not None:
            (repo / rel).unlink()
            reused[rel] = twin
    for rel, twin in reused.items():
        del workspace.written[rel]
        workspace.written[twin] = "reused"
    return reused


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _judge_answer(run: RunReport, submission: ModelSubmission, targets: list[str], gaps: list[Gap]) -> None:
    """A run that wrote no test: verified only as an advice answer grounded in the tree, never by default."""
    high = [g.item for g in gaps if g.risk == "high"]
    if submission.plan.layers == ["advice"] and targets and not high:
        run.verified = True
        run.verdict = ("advice answered from the code it names (" + ", ".join(targets[:4]) + "); no test was "
                       "written or run")
        return
    run.verified = False
    run.verdict = "no test was written" + (f": {high[0]}" if high else "")


def _reconcile(claimed: list[FileChange], written: dict[str, str]) -> tuple[list[FileChange], list[str]]:
    """Files as observed: actions corrected, unlisted writes added, unwritten claims flagged."""
    notes: list[str] = []
    files: list[FileChange] = []
    for change in claimed:
        path = change.path.removeprefix("./")
        if path not in written:
            notes.append(f"the outcome lists {path} as {change.action}, but the run did not write it")
            continue
        if written[path] != change.action:
            notes.append(f"{path} was {written[path]}, not {change.action}")
        files.append(change.model_copy(update={"path": path, "action": written[path]}))
    listed = {f.path for f in files}
    for path, action in sorted(written.items()):
        if path not in listed:
            notes.append(f"the run wrote {path} but the outcome did not list it")
            files.append(FileChange(path=path, action=action if action in ("created", "reused") else "modified"))
    return files, notes


def _fallback_submission(config: RunConfig, facts: Triage, reason: str) -> ModelSubmission:
    return ModelSubmission(
        test_surface=TestSurface(summary=f"Requested: {config.request}"),
        plan=Plan(layers=["integration"], rationale=f"no plan was submitted: {reason}"),
        implementation=Implementation(notes="assembled by the runtime from the files the run wrote"),
        gaps=[],
    )
