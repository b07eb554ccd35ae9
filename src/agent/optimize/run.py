"""`assay optimize-skill`: gate the instrument, evolve the skill on dev with GEPA, decide on holdout."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from agent import __version__
from agent.errors import AssayError, UsageError
from agent.evals.cases import Case
from agent.evals.harness import claim_out, read_results
from agent.evals.report import compare
from agent.evals.stats import MARGIN, MIN_CASES, t_interval
from agent.optimize.adapter import CandidateRecord, Reflector, SkillAdapter
from agent.optimize.components import skill_diff, skill_hash, split_skill
from agent.optimize.evaluator import Budget, BudgetExhausted, Evaluator
from agent.skill import check_skill

SANITY = {"golden": (">=", 0.9), "lazy": ("<=", 0.3), "gamer": ("<=", 0.2)}
"""The instrument's own check on the dev cases (the lines `tests/test_evals_reference.py` holds): the golden agent
scores high, the lazy and the gamer agents low. An instrument that fails it cannot tell a better skill apart."""
MANIFEST = "optimize.json"


class GateFailed(AssayError):
    """The eval instrument failed its sanity check: nothing is optimised."""

    exit_code = 1


@dataclass
class OptimizeConfig:
    """One optimisation: the seed skill, the cases (both splits), the agent, the reflection model and budgets."""

    cases: list[Case]
    seed_skill: Path
    out: Path
    model: str
    reflection_model: str
    budget: Budget
    repeat: int = 1
    concurrency: int = 1
    timeout_s: float = 300
    verify_options: dict[str, Any] = field(default_factory=dict)
    iterations: int = 10
    """GEPA iterations at most (each proposes one candidate)."""
    margin: float = MARGIN
    minibatch: int = 3
    seed: int = 0
    progress: bool = True

    @property
    def dev(self) -> list[Case]:
        return [c for c in self.cases if c.split == "dev"]

    @property
    def holdout(self) -> list[Case]:
        return [c for c in self.cases if c.split == "holdout"]

    def manifest(self) -> dict[str, Any]:
        return {"seed_skill": str(self.seed_skill), "skill_hash": skill_hash(self.seed_skill), "model": self.model,
                "reflection_model": self.reflection_model, "runtime_version": __version__, "repeat": self.repeat,
                "cases": {c.name: {"split": c.split, "digest": c.digest()} for c in self.cases}}


def _say(config: OptimizeConfig, text: str) -> None:
    if config.progress:
        print(f"optimize: {text}", file=sys.stderr, flush=True)


def _check_manifest(config: OptimizeConfig) -> None:
    claim_out(config.out, MANIFEST, config.manifest(), ("skill_hash", "model", "repeat", "cases"), "optimisation")


def gate(config: OptimizeConfig, evaluator: Evaluator) -> dict[str, Any]:
    """The reference agents on the dev cases; raises `GateFailed` when one is outside its line."""
    result: dict[str, Any] = {}
    failures = []
    for agent, (op, line) in SANITY.items():
        scores = [r.score for r in evaluator.run(config.dev, None, "none", model=agent, label=f"gate {agent}")]
        mean = round(sum(scores) / len(scores), 4)
        ok = mean >= line if op == ">=" else mean <= line
        result[agent] = {"mean_score": mean, "line": f"{op} {line}", "ok": ok}
        if not ok:  # one failure is enough to refuse: the other agents are not run
            failures.append(f"{agent} scored {mean:.2f} on dev, needs {op} {line}")
            break
    _say(config, "gate: " + ", ".join(f"{a} {v['mean_score']:.2f}" for a, v in result.items())
         + (" (ok)" if not failures else " (FAILED)"))
    (config.out / "gate.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if failures:
        raise GateFailed("the eval instrument fails its sanity check: " + "; ".join(failures)
                         + "; fix the graders or cases before optimising")
    return result


def dev_lines(evaluator: Evaluator, cases: list[Case], record: CandidateRecord) -> list[dict[str, Any]] | None:
    """Every attempt of `record` on `cases` from the cache, or None when some case was not (fully) run."""
    lines: list[dict[str, Any]] = []
    for case in cases:
        found = read_results(evaluator.folder(case, record.hash))
        if len(found) < evaluator.repeat:
            return None
        lines += sorted(found, key=lambda x: x["repeat"])[:evaluator.repeat]
    return lines


def case_means(lines: list[dict[str, Any]]) -> dict[str, float]:
    by: dict[str, list[float]] = {}
    for line in lines:
        by.setdefault(line["case"], []).append(float(line["score"]))
    return {name: sum(v) / len(v) for name, v in by.items()}


def score_of(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Mean over cases of each case's mean score, a t-interval over cases (None below two cases), and the cost of
    the attempts."""
    means = list(case_means(lines).values())
    low, high = t_interval(means)
    ci = [round(max(0.0, low), 4), round(min(1.0, high), 4)] if len(means) > 1 else None
    return {"mean": round(sum(means) / len(means), 4), "ci": ci,
            "cases": len(means), "cost_usd": round(sum(float(x["metrics"]["cost_usd"]) for x in lines), 6)}


class _FileLog:
    """GEPA's log, into the output folder only (stderr carries assay's own progress lines)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def log(self, message: str) -> None:
        with self.path.open("a", encoding="utf-8") as f:
            f.write(message.rstrip("\n") + "\n")


class _Stop:
    """GEPA's stop condition: the iteration limit, a perfect dev score, or no budget for another candidate."""

    def __init__(self, config: OptimizeConfig, evaluator: Evaluator, adapter: SkillAdapter) -> None:
        self.config, self.evaluator, self.adapter = config, evaluator, adapter
        self.reason = ""

    def __call__(self, gepa_state: Any) -> bool:
        if self.adapter.fatal is not None:
            raise self.adapter.fatal
        if gepa_state.i + 1 >= self.config.iterations:
            self.reason = f"{self.config.iterations} iteration(s) done"
            return True
        if max(gepa_state.program_full_scores_val_set, default=0.0) >= 1.0:
            self.reason = "a candidate scores 1.0 on every dev case"
            return True
        try:  # one child on a minibatch, then on every dev case
            per = self.config.repeat
            self.evaluator.budget.check((min(self.config.minibatch, len(self.config.dev)) + len(self.config.dev)) * per,
                                        self.evaluator.reserve, self.config.concurrency)
        except BudgetExhausted as exc:
            self.reason = str(exc)
            return True
        return False


def run_loop(config: OptimizeConfig, adapter: SkillAdapter, evaluator: Evaluator, seed: dict[str, str]) -> str:
    """GEPA on the dev split only; returns why the loop stopped."""
    from gepa.api import optimize as gepa_optimize

    stop = _Stop(config, evaluator, adapter)
    run_dir = config.out / "gepa"
    run_dir.mkdir(parents=True, exist_ok=True)
    try:
        gepa_optimize(seed_candidate=seed, trainset=config.dev, valset=config.dev, adapter=cast(Any, adapter),
                      candidate_selection_strategy="pareto", module_selector="round_robin",
                      reflection_minibatch_size=min(config.minibatch, len(config.dev)), perfect_score=1.0,
                      skip_perfect_score=True, stop_callbacks=[stop], run_dir=str(run_dir), seed=config.seed,
                      raise_on_exception=True, display_progress_bar=False, track_best_outputs=False,
                      logger=_FileLog(run_dir / "run_log.txt"))
    except BudgetExhausted as exc:
        return str(exc)
    return stop.reason or "GEPA finished"


def optimize(config: OptimizeConfig, reflector: Reflector, evaluator: Evaluator) -> dict[str, Any]:
    """The whole run; returns (and writes as summary.json) what was decided and why."""
    if not config.dev:
        raise UsageError("no dev cases: the loop needs at least one case with split: dev")
    if len(config.holdout) < MIN_CASES:
        raise UsageError(f"{len(config.holdout)} holdout case(s): the holdout decision needs at least {MIN_CASES} "
                         "(fewer can never show an improvement beyond noise)")
    errors = [p for p in check_skill(config.seed_skill) if p.level == "error"]
    if errors:
        raise UsageError(f"the skill fails `assay skill check`: {errors[0]}")
    _check_manifest(config)
    workdir = config.out / "candidates"
    workdir.mkdir(parents=True, exist_ok=True)
    adapter = SkillAdapter(config.seed_skill, workdir, evaluator, reflector, config.cases)
    adapter.load()
    seed = split_skill(config.seed_skill)
    base = adapter.record(seed)
    # the smallest run that can decide anything: the gate, the baseline on dev, both holdout evals
    evaluator.reserve = evaluator.missing(config.holdout, base.hash) + len(config.holdout) * config.repeat
    evaluator.budget.check(sum(evaluator.missing(config.dev, "none", model=a) for a in SANITY)
                           + evaluator.missing(config.dev, base.hash) + evaluator.reserve, 0, config.concurrency)
    evaluator.reserve, reserve = 0, evaluator.reserve
    summary: dict[str, Any] = {"manifest": config.manifest(), "gate": gate(config, evaluator)}
    adapter.evaluate(config.dev, seed)
    base_dev = dev_lines(evaluator, config.dev, base) or []
    _say(config, f"baseline {base.id}: dev {score_of(base_dev)['mean']:.3f}")
    evaluator.reserve = reserve
    summary["stopped"] = run_loop(config, adapter, evaluator, seed)
    evaluator.reserve = 0
    _say(config, f"loop stopped: {summary['stopped']}")
    rows = _rows(config, adapter, evaluator)
    best = max((r for r in rows if r["dev"] is not None), key=lambda r: (r["dev"]["mean"], -r["index"]))
    summary["candidates"] = rows
    summary["best_dev"] = best["id"]
    decision = _decide(config, adapter, evaluator, base, adapter.records[best["hash"]], base_dev)
    summary["decision"] = decision
    summary["best_dev_diff"] = skill_diff(base.folder, adapter.records[best["hash"]].folder)
    for row in rows:
        row["status"] = ("baseline" if row["id"] == base.id else "invalid (skill check)" if row["problems"]
                         else "kept" if decision["kept"] and row["id"] == best["id"]
                         else "best on dev, rejected on holdout" if row["id"] == best["id"] else "discarded")
    summary["budget"] = {"attempts": evaluator.budget.used_attempts, "usd": round(evaluator.budget.used_usd, 6),
                         "seconds": round(evaluator.budget.elapsed(), 1), "reflection_calls": reflector.calls}
    _write_outputs(config, base, adapter.records[best["hash"]] if decision["kept"] else base)
    (config.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    from agent.optimize.report import write_html, write_tsv

    write_tsv(config.out / "results.tsv", rows)
    write_html(config.out / "report.html", summary)
    return summary


def _rows(config: OptimizeConfig, adapter: SkillAdapter, evaluator: Evaluator) -> list[dict[str, Any]]:
    rows = []
    for index, record in enumerate(sorted(adapter.records.values(), key=lambda r: int(r.id[1:]))):
        lines = None if record.problems else dev_lines(evaluator, config.dev, record)
        seen = sum(1 for c in config.dev if read_results(evaluator.folder(c, record.hash)))
        rows.append({"index": index, "id": record.id, "hash": record.hash, "parent": record.parent or "",
                     "change": record.change, "problems": record.problems, "dev_cases_run": seen,
                     "dev": score_of(lines) if lines else None,
                     "cost_usd": round(sum(float(x["metrics"]["cost_usd"]) for c in config.dev
                                           for x in read_results(evaluator.folder(c, record.hash))), 6)})
    return rows


def _decide(config: OptimizeConfig, adapter: SkillAdapter, evaluator: Evaluator, base: CandidateRecord,
            best: CandidateRecord, base_dev: list[dict[str, Any]]) -> dict[str, Any]:
    """The best dev candidate against the baseline on holdout, with the harness's paired tests."""
    best_dev = dev_lines(evaluator, config.dev, best) or []
    dev_cmp = compare(best_dev, base_dev, margin=config.margin)
    if best.hash == base.hash:
        return {"kept": False, "candidate": base.id, "dev": dev_cmp, "holdout": None,
                "reason": "no improvement: no candidate scored above the baseline on dev", "overfitting": False}
    _say(config, f"holdout: {base.id} (baseline) against {best.id} (best on dev)")
    try:
        base_hold = [x for r in evaluator.run(config.holdout, base.folder, base.hash, label=f"holdout {base.id}")
                     for x in r.lines]
        best_hold = [x for r in evaluator.run(config.holdout, best.folder, best.hash, label=f"holdout {best.id}")
                     for x in r.lines]
    except BudgetExhausted as exc:  # the projection was short: no decision is no change
        return {"kept": False, "candidate": best.id, "dev": dev_cmp, "holdout": None, "overfitting": False,
                "reason": f"no improvement decided: the budget ran out before the holdout decision ({exc}); "
                          "the skill is unchanged"}
    hold_cmp = compare(best_hold, base_hold, margin=config.margin)
    kept = hold_cmp["verdict"] == "better"
    reason = (f"kept: better on holdout (mean delta {hold_cmp['mean_delta']:+.3f}, sign-flip p "
              f"{hold_cmp['p_value']:.3f})" if kept else
              f"no improvement: holdout says {hold_cmp['verdict']} (mean delta {hold_cmp['mean_delta']:+.3f}, "
              f"sign-flip p {hold_cmp['p_value']:.3f}); the skill is unchanged")
    overfitting = dev_cmp["mean_delta"] > 0 and not kept
    _say(config, reason)
    return {"kept": kept, "candidate": best.id, "dev": dev_cmp, "holdout": hold_cmp, "reason": reason,
            "overfitting": overfitting, "holdout_baseline": score_of(base_hold), "holdout_best": score_of(best_hold)}


def _write_outputs(config: OptimizeConfig, base: CandidateRecord, chosen: CandidateRecord) -> None:
    """best/ (the kept skill, or the unchanged one) and skill.diff (empty when nothing is kept)."""
    best = config.out / "best"
    if best.exists():
        shutil.rmtree(best)
    shutil.copytree(chosen.folder, best)
    (config.out / "skill.diff").write_text(skill_diff(base.folder, chosen.folder), encoding="utf-8")
