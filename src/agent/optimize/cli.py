"""`assay optimize-skill`: improve a skill by measured evals; keep a change only when the holdout split agrees.

Exit codes: 0 finished (whether a change was kept or not: summary.json and the report say which) · 1 the eval
instrument failed its sanity check · 2 usage error · 3 model/API failure of the reflection model.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from agent.errors import UsageError
from agent.evals.agents import REFERENCE_AGENTS
from agent.evals.cases import default_cases_root, load_cases
from agent.evals.stats import MARGIN
from agent.models.base import Model
from agent.models.catalog import DEFAULT_MODEL

SCRIPTED = "scripted"
QUICK_VERIFY = {"mutants": False, "flake_reruns": 0, "coverage": False, "request_round": False}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `assay optimize-skill --help`)")


def _positive(kind: type[int] | type[float]) -> object:
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"invalid number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be above 0, not {text}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="assay optimize-skill", description="Gate the eval instrument, run a baseline of the skill on "
                "the dev split, let GEPA propose skill edits (reflection by a Claude model) and measure each on dev, "
                "then keep the best dev candidate only if the holdout split shows it better beyond noise.")
    p.add_argument("--skill", type=Path, default=None, metavar="DIR",
                   help="skill folder to improve; never modified (default: the bundled skill)")
    p.add_argument("--cases", default="*", metavar="GLOB", help="case names to use, both splits (default: all)")
    p.add_argument("--cases-dir", type=Path, default=None, metavar="DIR",
                   help=f"folder of cases (default: {default_cases_root()})")
    p.add_argument("--model", default=DEFAULT_MODEL, help="the agent the skill is measured with: a Claude model id "
                   f"or a reference agent ({', '.join(REFERENCE_AGENTS)}) (default: {DEFAULT_MODEL})")
    p.add_argument("--reflection-model", default=DEFAULT_MODEL, metavar="MODEL",
                   help=f"Claude model that proposes edits, or `{SCRIPTED}` (the offline scripted reflector served "
                   f"by the fake Messages API) (default: {DEFAULT_MODEL})")
    p.add_argument("--out", type=Path, default=Path("evals/results/optimize"), metavar="DIR",
                   help="output folder; an interrupted run resumes here (default: evals/results/optimize)")
    p.add_argument("--cache", type=Path, default=None, metavar="DIR",
                   help="attempt cache, keyed by case, skill hash, model and runtime version; share it between "
                   "runs to never re-run an identical attempt (default: OUT/cache)")
    p.add_argument("--budget-attempts", type=_positive(int), default=None, metavar="N",  # type: ignore[arg-type]
                   help="new eval attempts at most, gate and holdout included (cached attempts are free)")
    p.add_argument("--budget-usd", type=_positive(float), default=None, metavar="USD",  # type: ignore[arg-type]
                   help="estimated spend at most, attempts and reflection calls together")
    p.add_argument("--time", type=_positive(float), default=None, metavar="SECONDS",  # type: ignore[arg-type]
                   help="wall-clock limit; the loop stops early enough to leave time for the holdout decision")
    p.add_argument("--iterations", type=_positive(int), default=10, metavar="N",  # type: ignore[arg-type]
                   help="GEPA iterations at most, one proposed candidate each (default: 10)")
    p.add_argument("--repeat", type=_positive(int), default=1, metavar="K",  # type: ignore[arg-type]
                   help="attempts per case and candidate (default: 1)")
    p.add_argument("--concurrency", type=_positive(int), default=1, metavar="C",  # type: ignore[arg-type]
                   help="attempts at once (default: 1)")
    p.add_argument("--minibatch", type=_positive(int), default=3, metavar="N",  # type: ignore[arg-type]
                   help="dev cases a proposal is first tried on (default: 3)")
    p.add_argument("--margin", type=float, default=MARGIN, metavar="M",
                   help=f"non-inferiority margin reported for the holdout comparison (default: {MARGIN})")
    p.add_argument("--timeout", type=_positive(float), default=300, metavar="SECONDS",  # type: ignore[arg-type]
                   help="per test command (default: 300)")
    p.add_argument("--no-mutants", action="store_true", help="skip the runtime's mutation probe (faster)")
    p.add_argument("--quick-verify", action="store_true",
                   help="trim the runtime's own verification to its report runs (no flake reruns, coverage, "
                   "mutants or request round); the graders still run everything they grade (much faster)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


@contextmanager
def reflection_model(name: str) -> Iterator[tuple[Model, str]]:
    """The reflection model: a Claude model through `AnthropicModel` (key from ANTHROPIC_API_KEY), or the
    scripted reflector behind a local fake Messages API."""
    from agent.models.anthropic import AnthropicModel

    if name != SCRIPTED:
        if not os.environ.get("ANTHROPIC_API_KEY"):
            raise UsageError(f"--reflection-model {name} needs ANTHROPIC_API_KEY; set it, or use "
                             f"--reflection-model {SCRIPTED} (offline)")
        model = AnthropicModel(name, base_url=os.environ.get("ANTHROPIC_BASE_URL") or None)
        try:
            yield model, name
        finally:
            model.close()
        return
    from agent.optimize.scripted import scripted_reflector
    from agent.testing import FakeAnthropic

    with FakeAnthropic(scripted_reflector()) as server:
        model = AnthropicModel(DEFAULT_MODEL, api_key="sk-ant-scripted-reflector", base_url=server.url)
        try:
            yield model, DEFAULT_MODEL
        finally:
            model.close()


def cli_main(argv: list[str]) -> int:
    """Entry point of `assay optimize-skill` (the top-level CLI forwards here)."""
    args = build_parser().parse_args(argv)
    try:
        import gepa  # noqa: F401
    except ImportError:
        raise UsageError("assay optimize-skill needs the `gepa` package: pip install 'assay[optimize]'") from None
    from agent.optimize.adapter import Reflector
    from agent.optimize.evaluator import Budget, Evaluator
    from agent.optimize.run import OptimizeConfig, optimize
    from agent.skill import default_skill_dir

    skill = args.skill or default_skill_dir()
    if not (skill / "SKILL.md").is_file():
        raise UsageError(f"no SKILL.md in skill folder {skill}")
    if args.model not in REFERENCE_AGENTS and args.model != "offline" and not os.environ.get("ANTHROPIC_API_KEY"):
        raise UsageError(f"--model {args.model} needs ANTHROPIC_API_KEY; set it, or use a reference agent")
    cases = load_cases(args.cases_dir, args.cases, "all")
    budget = Budget(attempts=args.budget_attempts, usd=args.budget_usd, seconds=args.time)
    config = OptimizeConfig(cases=cases, seed_skill=skill, out=args.out, model=args.model,
                            reflection_model=args.reflection_model, budget=budget, repeat=args.repeat,
                            concurrency=args.concurrency, timeout_s=args.timeout, iterations=args.iterations,
                            margin=args.margin, minibatch=args.minibatch, progress=not args.quiet,
                            verify_options=QUICK_VERIFY if args.quick_verify else
                            {"mutants": False} if args.no_mutants else {})
    evaluator = Evaluator(args.cache or args.out / "cache", args.model, repeat=args.repeat,
                          concurrency=args.concurrency, timeout_s=args.timeout,
                          verify_options=config.verify_options, budget=budget, hide=[args.out],
                          progress=not args.quiet)
    with reflection_model(args.reflection_model) as (model, name):
        summary = optimize(config, Reflector(model, name, budget), evaluator)
    decision = summary["decision"]
    print(decision["reason"])
    print(f"results: {args.out / 'results.tsv'} · report: {args.out / 'report.html'} · diff: "
          f"{args.out / 'skill.diff'}", file=sys.stderr)
    return 0
