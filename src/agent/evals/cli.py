"""`assay eval`: run the cases, grade, compare with a baseline, write the report, and gate on the result.

Exit codes: 0 the gate holds · 1 below --min-score, or (with --baseline) not shown non-inferior on the holdout
split (or too few paired holdout cases to say) · 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from agent.errors import UsageError
from agent.evals.cases import default_cases_root, load_cases
from agent.evals.harness import MANIFEST, AttemptExecutor, EvalConfig, read_results, run_eval
from agent.evals.report import render_markdown, summarize, write_report
from agent.evals.stats import MARGIN


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see `assay eval --help`)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="assay eval", description="Run the agent on every eval case K times in throw-away copies, "
                "grade what it left, and compare with a baseline eval.")
    p.add_argument("--cases", default="*", metavar="GLOB", help="case names to run (glob; default: all)")
    p.add_argument("--cases-dir", type=Path, default=None, metavar="DIR",
                   help=f"folder of cases (default: {default_cases_root()})")
    p.add_argument("--split", choices=("dev", "holdout", "all"), default="all", help="which split (default: all)")
    p.add_argument("--model", default="offline", help="`offline`, a Claude model id, or a reference agent "
                   "(`golden`, `lazy`, `gamer`, `stuffer`) that checks the instrument (default: offline)")
    p.add_argument("--skill", default=None, metavar="DIR|none",
                   help="skill folder, or `none` to measure the model without a skill (default: the bundled skill)")
    p.add_argument("--repeat", type=int, default=1, metavar="K", help="attempts per case (default: 1)")
    p.add_argument("--concurrency", type=int, default=1, metavar="C", help="attempts at once (default: 1)")
    p.add_argument("--out", type=Path, default=Path("evals/results/latest"), metavar="DIR",
                   help="results folder; an interrupted eval resumes here (default: evals/results/latest)")
    p.add_argument("--baseline", type=Path, metavar="DIR", help="an earlier eval's --out to compare with (paired)")
    p.add_argument("--margin", type=float, default=MARGIN, metavar="M",
                   help=f"non-inferiority margin against --baseline on the holdout split (default: {MARGIN})")
    p.add_argument("--min-score", type=float, metavar="X",
                   help="fail (exit 1) when the mean of the per-case mean scores is below X")
    p.add_argument("--timeout", type=float, default=300, metavar="SECONDS", help="per test command (default: 300)")
    p.add_argument("--no-mutants", action="store_true", help="skip the runtime's mutation probe (faster)")
    p.add_argument("--executor", choices=("local", "celery"), default=None,
                   help="where attempts run: `local` threads, or `celery` workers (`assay worker`) over Redis "
                   "(default: $ASSAY_EXECUTOR, else celery when $ASSAY_BROKER_URL is set, else local)")
    p.add_argument("--broker", metavar="URL", help="Redis URL of the celery executor (default: $ASSAY_BROKER_URL, "
                   "else redis://127.0.0.1:6379/0)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def eval_config(args: argparse.Namespace) -> EvalConfig:
    """The eval `assay eval` runs for its parsed arguments."""
    from agent.skill import default_skill_dir

    skill_dir = None if args.skill == "none" else Path(args.skill) if args.skill else default_skill_dir()
    if skill_dir is not None and not skill_dir.is_dir():
        raise UsageError(f"skill folder not found: {skill_dir}")
    cases = load_cases(args.cases_dir, args.cases, args.split)
    return EvalConfig(cases=cases, out=args.out, model=args.model, skill_dir=skill_dir, repeat=args.repeat,
                      concurrency=args.concurrency, timeout_s=args.timeout, progress=not args.quiet,
                      verify_options={"mutants": False} if args.no_mutants else {})


def _executor(args: argparse.Namespace) -> AttemptExecutor | None:
    """None for the local thread pool; the Celery executor once its broker answered (before --out is touched)."""
    from agent.distributed import celery_attempts, executor_choice

    return None if executor_choice(args.executor) == "local" else celery_attempts(args.broker)


def cli_main(argv: list[str]) -> int:
    """Entry point of `assay eval` (the top-level CLI forwards here)."""
    args = build_parser().parse_args(argv)
    config = eval_config(args)
    baseline, baseline_manifest = None, None
    if args.baseline is not None:
        baseline = read_results(args.baseline)
        if not baseline:
            raise UsageError(f"no results.jsonl with attempts in baseline {args.baseline}")
        manifest_path = args.baseline / MANIFEST
        if manifest_path.exists():
            baseline_manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    lines = run_eval(config, executor=_executor(args))
    summary = summarize(lines, baseline=baseline, min_score=args.min_score, manifest=config.manifest(),
                        baseline_manifest=baseline_manifest, margin=args.margin)
    write_report(args.out, summary, lines)
    print(render_markdown(summary), end="")
    print(f"\nreport: {args.out / 'report.html'}", file=sys.stderr)
    return 0 if summary["gate"]["ok"] else 1
