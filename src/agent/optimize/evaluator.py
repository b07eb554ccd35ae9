"""Eval attempts for a skill folder, cached by (case, skill hash, model, runtime version), under budgets."""

from __future__ import annotations

import hashlib
import json
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agent import __version__
from agent.errors import AssayError
from agent.evals.cases import Case
from agent.evals.harness import EvalConfig, read_results, run_eval
from agent.sandbox import Sandbox


class BudgetExhausted(AssayError):
    """A budget would be overrun by the next step; the loop stops and the decision is made with what ran."""

    exit_code = 1


@dataclass
class Budget:
    """What the whole optimisation may spend: new eval attempts (cache hits are free), USD, wall-clock seconds."""

    attempts: int | None = None
    usd: float | None = None
    seconds: float | None = None
    used_attempts: int = 0
    used_usd: float = 0.0
    started: float = field(default_factory=time.monotonic)
    attempt_wall_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def record(self, cost_usd: float, wall_s: float) -> None:
        with self.lock:
            self.used_attempts += 1
            self.used_usd += cost_usd
            self.attempt_wall_s += wall_s

    def spend(self, usd: float) -> None:
        with self.lock:
            self.used_usd += usd

    def check(self, new_attempts: int, reserve: int = 0, concurrency: int = 1) -> None:
        """Raise `BudgetExhausted` when `new_attempts` more (plus `reserve` kept for the holdout decision) would
        overrun a budget; USD and time are projected from the mean cost and wall time of the attempts so far."""
        need = new_attempts + reserve
        if self.attempts is not None and self.used_attempts + need > self.attempts:
            raise BudgetExhausted(f"--budget-attempts {self.attempts}: {self.used_attempts} used, {need} more needed")
        mean_usd = self.used_usd / self.used_attempts if self.used_attempts else 0.0
        if self.usd is not None and self.used_usd + mean_usd * need > self.usd:
            raise BudgetExhausted(f"--budget-usd {self.usd:g}: ${self.used_usd:.4f} spent, about "
                                  f"${mean_usd * need:.4f} more needed")
        mean_s = self.attempt_wall_s / self.used_attempts if self.used_attempts else 0.0
        if self.seconds is not None and self.elapsed() + mean_s * need / max(1, concurrency) > self.seconds:
            raise BudgetExhausted(f"--time {self.seconds:g}: {self.elapsed():.0f}s elapsed")


@dataclass
class _HidingConfig(EvalConfig):
    """An eval config whose attempts also cannot see `hidden` (the attempt cache and the optimisation's folder:
    other candidates' attempts, results and skills). The attempt's own repo stays visible: the sandbox binds it
    back."""

    hidden: tuple[Path, ...] = ()

    def answer_paths(self, attempt_dir: Path | None = None) -> list[Path]:
        return [*super().answer_paths(attempt_dir), *(p.resolve() for p in self.hidden)]


@dataclass
class CaseResult:
    """One case's attempts for one skill: the score GEPA sees (mean over repeats) and the graders' feedback."""

    case: str
    split: str
    score: float
    feedback: str
    lines: list[dict[str, Any]]
    cost_usd: float


class Evaluator:
    """Runs (or reads from its cache) `repeat` attempts per case for a skill folder."""

    def __init__(self, cache: Path, model: str, *, repeat: int, concurrency: int, timeout_s: float,
                 verify_options: dict[str, Any], budget: Budget, hide: Sequence[Path] = (),
                 sandbox: Sandbox | None = None, progress: bool = True) -> None:
        self.cache, self.model, self.repeat, self.concurrency = cache, model, repeat, concurrency
        self.timeout_s, self.verify_options, self.budget = timeout_s, verify_options, budget
        self.hide, self.sandbox, self.progress = (cache, *hide), sandbox, progress
        self.reserve = 0
        """Attempts kept back for the holdout decision while the loop runs."""

    def folder(self, case: Case, skill_hash: str, model: str | None = None) -> Path:
        """The cache entry: one folder per (case name and content digest, skill hash, model, runtime version), and
        per verification settings (they change what the runtime checks, hence the scores)."""
        safe_model = (model or self.model).replace("/", "_")
        settings = json.dumps({"verify": self.verify_options, "timeout": self.timeout_s}, sort_keys=True)
        runtime = f"{__version__}-{hashlib.sha256(settings.encode()).hexdigest()[:8]}"
        return self.cache / f"{safe_model}@{runtime}" / skill_hash / f"{case.name}-{case.digest()}"

    def missing(self, cases: list[Case], skill_hash: str, model: str | None = None) -> int:
        wanted = self.repeat
        return sum(max(0, wanted - len(read_results(self.folder(c, skill_hash, model)))) for c in cases)

    def run(self, cases: list[Case], skill: Path | None, skill_hash: str, *, model: str | None = None,
            label: str = "") -> list[CaseResult]:
        """Every case's result for `skill`; attempts already in the cache are not re-run."""
        self.budget.check(self.missing(cases, skill_hash, model), self.reserve, self.concurrency)
        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix="assay-optimize") as pool:
            return list(pool.map(lambda c: self._case(c, skill, skill_hash, model, label), cases))

    def _case(self, case: Case, skill: Path | None, skill_hash: str, model: str | None, label: str) -> CaseResult:
        out = self.folder(case, skill_hash, model)
        config = _HidingConfig(cases=[case], out=out, model=model or self.model, skill_dir=skill, repeat=self.repeat,
                               concurrency=1, verify_options=self.verify_options, timeout_s=self.timeout_s,
                               progress=False, hidden=self.hide)

        def on_line(line: dict[str, Any]) -> None:
            self.budget.record(float(line["metrics"]["cost_usd"]), float(line["metrics"]["wall_s"]))
            if self.progress:
                print(f"optimize: {label} {line['key']} score {line['score']:.2f}"
                      + (" (error)" if line.get("error") else ""), file=sys.stderr, flush=True)

        lines = run_eval(config, self.sandbox, on_line=on_line)
        scores = [float(line["score"]) for line in lines]
        return CaseResult(case.name, case.split, round(sum(scores) / len(scores), 4), feedback(case, lines), lines,
                          round(sum(float(line["metrics"]["cost_usd"]) for line in lines), 6))


def feedback(case: Case, lines: list[dict[str, Any]]) -> str:
    """What the graders and the runtime said about a case's attempts, as text for the reflection model: each
    failed counted grade with its detail (bugs that survived, scenarios not covered, weak or failing tests), run
    errors and the runtime's discrepancies."""
    out: list[str] = []
    for line in lines:
        head = f"attempt {line['repeat']}: score {float(line['score']):.2f}"
        problems = [f"{g['name']}: {g['detail']}" for g in line["grades"]
                    if g.get("counted", True) and not g["passed"]]
        if line.get("error"):
            problems.append(f"run error: {line['error']}")
        out.append(head + ("; " + "; ".join(problems) if problems else "; every grader passed"))
    return "\n".join(out)
