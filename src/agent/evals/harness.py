"""The attempt runner: every case K times in throw-away git copies, C at a time, resumable through results.jsonl."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from agent import __version__
from agent.errors import AssayError, UsageError
from agent.evals.agents import REFERENCE_AGENTS
from agent.evals.cases import Case, tree_digest
from agent.evals.graders import AttemptContext, attempt_score, grade
from agent.gitops import run_git
from agent.models.base import Model
from agent.outcome import TestingOutcome
from agent.sandbox import BwrapSandbox, Sandbox, default_sandbox

if TYPE_CHECKING:
    from agent.session import RunConfig

RESULTS = "results.jsonl"
MANIFEST = "eval.json"
_GIT_ID = ["-c", "user.name=assay-eval", "-c", "user.email=assay-eval@example.invalid", "-c", "commit.gpgsign=false"]


@dataclass
class EvalConfig:
    """One eval: which cases, which agent, how many times, where the results go."""

    cases: list[Case]
    out: Path
    model: str = "offline"
    """`offline`, a Claude model id, or a reference agent (`golden`, `lazy`, `gamer`, `stuffer`) served by the fake
    Messages API."""
    skill_dir: Path | None = None
    repeat: int = 1
    concurrency: int = 1
    verify_options: dict[str, Any] = field(default_factory=dict)
    """Overrides of the CLI's verification options (`assay eval --no-mutants` sets `mutants: False`); empty runs
    exactly what `assay run` runs, the surviving-mutants round included."""
    timeout_s: float = 300
    max_turns: int = 40
    progress: bool = True

    def answer_paths(self, attempt_dir: Path | None = None) -> list[Path]:
        """What an attempt must not be able to read, for the sandbox to mask in eval mode: every cases folder (bug
        and equivalent patches, `fix.patch`, `golden/`, the hidden checks in `case.yaml`), this eval's results and
        reports, and every attempt folder but `attempt_dir` (the attempt's own, which holds its repo)."""
        paths = sorted({case.folder.resolve().parent for case in self.cases})
        out = self.out.resolve()
        paths += [out / name for name in (RESULTS, MANIFEST, "summary.json", "summary.md", "report.html")]
        attempts = out / "attempts"
        own = attempt_dir.resolve() if attempt_dir is not None else None
        if attempts.is_dir():
            paths += sorted(p for p in attempts.iterdir() if p != own)
        return paths

    def manifest(self) -> dict[str, Any]:
        """What identifies this eval's results: the agent, the skill's content hash and the runtime version."""
        return {"model": self.model, "skill": str(self.skill_dir) if self.skill_dir else "none",
                "skill_hash": tree_digest(self.skill_dir) if self.skill_dir else "none",
                "runtime_version": __version__, "repeat": self.repeat}


def eval_run_config(config: EvalConfig, case: Case, repo: Path, *, reference_agent: bool = False) -> RunConfig:
    """What `assay run` would build for this attempt: the CLI's own parser and config, given the flags an eval
    sets (request, repo, model, skill, turns, the case's source-edit permission); then the per-command timeout
    and any explicit `verify_options` overrides."""
    from agent.cli import build_parser, run_config

    argv = ["run", case.request, "--repo", str(repo), "--max-turns", str(config.max_turns),
            "--skill", str(config.skill_dir) if config.skill_dir else "none"]
    if not reference_agent:
        argv += ["--model", config.model]
    if case.allow_source_edits:
        argv.append("--allow-source-edits")
    cli = run_config(build_parser().parse_args(argv))
    return cli.model_copy(update={"verify_timeout_s": config.timeout_s,
                                  "verify_options": {**cli.verify_options, **config.verify_options}})


def eval_sandbox() -> Sandbox:
    """The runtime's own sandbox (bubblewrap when it works here) with its default limits, as `assay run` uses."""
    return default_sandbox()


def attempt_sandbox(shared: Sandbox, config: EvalConfig, attempt_dir: Path) -> Sandbox:
    """The sandbox one attempt runs in: under bubblewrap, the same one hiding the answers (`answer_paths`) and
    assay's own checkout, when it runs from one. The fallback cannot hide anything: it is returned as it is."""
    if not isinstance(shared, BwrapSandbox):
        return shared
    hide = [str(p) for p in config.answer_paths(attempt_dir)]
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "pyproject.toml").is_file() and (checkout / "src" / "agent").is_dir():
        hide.append(str(checkout))
    return dataclasses.replace(shared, hide=(*shared.hide, *hide))


def attempt_key(case: Case, repeat: int) -> str:
    return f"{case.name}@{case.version}#{repeat}"


def read_results(out: Path) -> list[dict[str, Any]]:
    """Complete lines of `results.jsonl`; a line torn by an interruption is ignored (that attempt re-runs)."""
    path = out / RESULTS
    if not path.exists():
        return []
    lines: list[dict[str, Any]] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(raw)
        except json.JSONDecodeError:
            continue
        if isinstance(item, dict) and "key" in item:
            lines.append(item)
    return lines


class ResultsWriter:
    """Appends one JSON line per finished attempt with a single write, flushed to disk before it returns."""

    def __init__(self, out: Path) -> None:
        self._path = out / RESULTS
        self._lock = threading.Lock()
        # A line torn by a kill must not glue itself to the next one.
        if self._path.exists() and self._path.stat().st_size:
            with self._path.open("rb") as f:
                f.seek(-1, os.SEEK_END)
                torn = f.read(1) != b"\n"
            if torn:
                self._append(b"\n")

    def _append(self, data: bytes) -> None:
        fd = os.open(self._path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def write(self, line: dict[str, Any]) -> None:
        with self._lock:
            self._append((json.dumps(line, sort_keys=True) + "\n").encode())


def claim_out(out: Path, name: str, current: dict[str, Any], keys: Sequence[str], what: str) -> None:
    """Write `current` as `out/name`, refusing when the folder already holds results of another `what` (a key in
    `keys` differs): resuming is only sound into the same configuration."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    if path.exists():
        previous = json.loads(path.read_text(encoding="utf-8"))
        for key in keys:
            if previous.get(key) != current[key]:
                raise UsageError(f"{out} holds results of another {what} ({key} {previous.get(key)!r}, now "
                                 f"{current[key]!r}); use another --out")
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def _check_manifest(config: EvalConfig) -> None:
    claim_out(config.out, MANIFEST, config.manifest(), ("model", "skill_hash"), "eval")


def _git(repo: Path, *args: str) -> str:
    return run_git(repo, [*_GIT_ID, *args]).strip()


def install_cache(case: Case, cache_root: Path, lock: threading.Lock) -> Path | None:
    """Run the case's install command once per case version (with network, outside the sandbox); the installed
    `node_modules` is kept under `cache_root` and hard-linked into every attempt."""
    if not case.install:
        return None
    target = cache_root / f"{case.name}-{case.digest()}"
    with lock:
        modules = target / "node_modules"
        if modules.is_dir():
            return modules
        staging = cache_root / f".{case.name}-staging"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(case.repo, staging, ignore=shutil.ignore_patterns("node_modules"))
        done = subprocess.run(case.install, shell=True, cwd=staging, capture_output=True, text=True, timeout=900,
                              check=False)
        if done.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise UsageError(f"case {case.name}: `{case.install}` failed (exit {done.returncode}): {tail[0][:200]}")
        target.mkdir(parents=True, exist_ok=True)
        (staging / "node_modules").rename(modules)
        shutil.rmtree(staging, ignore_errors=True)
        return modules


def prepare_repo(case: Case, dest: Path, modules: Path | None) -> str:
    """A fresh git repo at `dest` holding the case's fixture repo as one commit; returns that commit."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(case.repo, dest, ignore=shutil.ignore_patterns("node_modules", "__pycache__", ".pytest_cache"))
    _git(dest, "init", "-q", "-b", "main")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", f"eval case {case.name} v{case.version}")
    exclude = dest / ".git" / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    exclude.write_text(".assay/\nnode_modules/\n__pycache__/\n", encoding="utf-8")
    if modules is not None:
        shutil.copytree(modules, dest / "node_modules", symlinks=True, copy_function=os.link)
    return _git(dest, "rev-parse", "HEAD")


class _Agent:
    """Builds the model for one attempt: None (the session resolves offline/Claude) or a reference agent."""

    def __init__(self, name: str, case: Case) -> None:
        self.name = name
        self._server: Any = None
        self.model: Model | None = None
        if name in REFERENCE_AGENTS:
            from agent.models.anthropic import AnthropicModel
            from agent.models.catalog import DEFAULT_MODEL
            from agent.testing import FakeAnthropic

            self._server = FakeAnthropic(REFERENCE_AGENTS[name](case))
            self._server.start()
            self.model = AnthropicModel(DEFAULT_MODEL, api_key="sk-ant-eval-reference-agent",
                                        base_url=self._server.url)

    def close(self) -> None:
        close = getattr(self.model, "close", None)
        if callable(close):
            close()
        if self._server is not None:
            self._server.stop()


def run_attempt(config: EvalConfig, case: Case, repeat: int, sandbox: Sandbox, modules: Path | None,
                manifest: dict[str, Any]) -> dict[str, Any]:
    """Run one attempt end to end and grade it; never raises for a failed run (the line says why)."""
    from agent.session import run_session

    shared_sandbox = sandbox
    start = time.monotonic()
    # An opaque folder name: a path like `flaky-shared-state-r1` would hand the agent (and keyword graders) a hint.
    repo = config.out / "attempts" / hashlib.sha256(attempt_key(case, repeat).encode()).hexdigest()[:12] / "repo"
    base = prepare_repo(case, repo, modules)
    outcome: TestingOutcome | None = None
    error: str | None = None
    exit_code: int | None = None
    run_dir = ""
    agent = _Agent(config.model, case)
    log = repo.parent / "session.log"
    own = attempt_sandbox(sandbox, config, repo.parent)
    sandbox = own
    try:
        run_config = eval_run_config(config, case, repo, reference_agent=agent.model is not None)
        with log.open("a", encoding="utf-8") as sink:
            result = run_session(run_config, model=agent.model, sandbox=sandbox,
                                 progress=lambda line: print(line, file=sink, flush=True))
        outcome, exit_code, run_dir = result.outcome, result.exit_code, str(result.run_dir)
    except AssayError as exc:
        error = f"{type(exc).__name__}: {exc}"
        exit_code = exc.exit_code
    finally:
        agent.close()
    ctx = AttemptContext(case=case, repo=repo, base_commit=base, outcome=outcome, sandbox=sandbox,
                         outcome_error=error, timeout_s=config.timeout_s)
    try:
        grades = grade(ctx)
    finally:
        if own is not shared_sandbox:
            own.close()
    score, passed = attempt_score(grades)
    usage = outcome.run.usage if outcome else None
    return {
        "key": attempt_key(case, repeat), "case": case.name, "case_version": case.version,
        "case_digest": case.digest(), "split": case.split, "kind": case.kind, "repeat": repeat,
        **manifest, "score": score, "passed": passed, "grades": [g.to_dict() for g in grades],
        "metrics": {
            "turns": usage.turns if usage else 0,
            "input_tokens": usage.input_tokens if usage else 0,
            "output_tokens": usage.output_tokens if usage else 0,
            "cached_tokens": (usage.cache_read_input_tokens + usage.cache_creation_input_tokens) if usage else 0,
            "cost_usd": usage.estimated_cost_usd if usage else 0.0,
            "wall_s": round(time.monotonic() - start, 3),
        },
        "exit_code": exit_code, "error": error, "run_dir": run_dir, "attempt_dir": str(repo.parent),
        "changed_files": ctx.changed,
    }


class AttemptExecutor(Protocol):
    """Runs attempts somewhere other than this process's thread pool (`agent.distributed.evals.CeleryAttempts`):
    calls `done` with each finished attempt's line once its files are under `config.out`."""

    def run_attempts(self, config: EvalConfig, todo: list[tuple[Case, int]], manifest: dict[str, Any],
                     done: Callable[[dict[str, Any]], None]) -> None: ...


class Progress:
    """A one-line progress bar on stderr (a line per attempt when stderr is not a terminal)."""

    def __init__(self, total: int, done: int, enabled: bool) -> None:
        self.total, self.done, self.enabled = total, done, enabled
        self.tty = sys.stderr.isatty()

    def update(self, line: dict[str, Any]) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 24
        filled = int(width * self.done / max(1, self.total))
        text = (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {line['key']} "
                f"score {line['score']:.2f}{' (error)' if line.get('error') else ''}")
        print(("\r" + text.ljust(100)) if self.tty else text, end="" if self.tty else "\n", file=sys.stderr,
              flush=True)

    def close(self) -> None:
        if self.enabled and self.tty:
            print(file=sys.stderr)


def run_eval(config: EvalConfig, sandbox: Sandbox | None = None,
             on_line: Callable[[dict[str, Any]], None] | None = None,
             executor: AttemptExecutor | None = None) -> list[dict[str, Any]]:
    """Run every missing attempt (in a thread pool here, or on `executor`); return all result lines of this eval
    (earlier ones included)."""
    if config.repeat < 1 or config.concurrency < 1:
        raise UsageError("--repeat and --concurrency must be at least 1")
    _check_manifest(config)
    manifest = config.manifest()
    wanted = {attempt_key(c, r): (c, r) for c in config.cases for r in range(1, config.repeat + 1)}
    done = {line["key"] for line in read_results(config.out) if line["key"] in wanted}
    todo = [pair for key, pair in wanted.items() if key not in done]
    writer = ResultsWriter(config.out)
    progress = Progress(len(wanted), len(done), config.progress)
    if executor is not None:
        def collected(line: dict[str, Any]) -> None:
            writer.write(line)
            progress.update(line)
            if on_line:
                on_line(line)

        try:
            executor.run_attempts(config, todo, manifest, collected)
        finally:
            progress.close()
        return [line for line in read_results(config.out) if line["key"] in wanted]
    sandbox = sandbox or eval_sandbox()
    cache_root, lock = config.out / "cache", threading.Lock()
    modules: dict[str, Path | None] = {}

    def one(case: Case, repeat: int) -> dict[str, Any]:
        if case.name not in modules:
            modules[case.name] = install_cache(case, cache_root, lock)
        line = run_attempt(config, case, repeat, sandbox, modules[case.name], manifest)
        writer.write(line)
        return line

    with ThreadPoolExecutor(max_workers=config.concurrency, thread_name_prefix="assay-eval") as pool:
        pending: set[Future[dict[str, Any]]] = {pool.submit(one, c, r) for c, r in todo}
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    line = future.result()
                    progress.update(line)
                    if on_line:
                        on_line(line)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        finally:
            progress.close()
    return [line for line in read_results(config.out) if line["key"] in wanted]
