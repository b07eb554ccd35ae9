"""Trusting the instrument, full sweep: every reference agent (golden, lazy, gamer, stuffer) on every eval case.

    python benchmarks/reference_agents.py [--cases GLOB] [--models golden,lazy,gamer,stuffer] [--concurrency 2]

Prints one row per case with each agent's score, then each agent's mean per case kind against its limits, and exits 1
when any mean falls outside them (golden >= 0.9, lazy <= 0.3, gamer and stuffer <= 0.2). Node cases need npm, Go
cases the go toolchain; a case whose toolchain is missing is left out, and the output says so.

`tests/test_evals_reference.py` runs the same check (these functions and limits) on a representative subset, so the
suite stays fast; this script is the whole table (about 25 minutes on a shared 2-core machine).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from agent.evals.cases import Case, load_cases
from agent.evals.harness import EvalConfig, run_eval
from agent.runners.gotest import go_available

LIMITS = {"golden": (0.9, 1.0), "lazy": (0.0, 0.3), "gamer": (0.0, 0.2), "stuffer": (0.0, 0.2)}
"""Per agent: the mean score every case kind must fall within."""


SWEEP_VERIFY = {"mutants": False, "flake_reruns": 2}
"""The runtime's own verification in the sweep: mutants off, 2 flake reruns."""


def scores(cases: list[Case], model: str, out: Path, concurrency: int = 2,
           verify_options: dict[str, object] | None = None) -> dict[str, float]:
    """Each case's score for `model`: one eval pass through the real harness (`verify_options`, default
    SWEEP_VERIFY, set the runtime's own verification; the graders run in full whatever it is)."""
    options = SWEEP_VERIFY if verify_options is None else verify_options
    lines = run_eval(EvalConfig(cases=cases, out=out, model=model, concurrency=concurrency, progress=False,
                                verify_options=dict(options), timeout_s=120))
    return {line["case"]: line["score"] for line in lines}


def by_kind(cases: list[Case], by_case: dict[str, float]) -> dict[str, float]:
    """The mean score per case kind (files, advice, diagnosis)."""
    grouped: dict[str, list[float]] = defaultdict(list)
    for case in cases:
        grouped[case.kind].append(by_case[case.name])
    return {kind: sum(v) / len(v) for kind, v in grouped.items()}


def violations(cases: list[Case], model: str, by_case: dict[str, float]) -> list[str]:
    """One message per case kind whose mean score for `model` falls outside its limits, and per missing case."""
    low, high = LIMITS[model]
    missing = [c.name for c in cases if c.name not in by_case]
    if missing:
        return [f"{model}: no score for {', '.join(missing)}"]
    return [f"{model} on {kind} cases: mean {mean:.3f} outside [{low}, {high}]"
            for kind, mean in sorted(by_kind(cases, by_case).items()) if not low <= mean <= high]


def runnable(cases: list[Case]) -> tuple[list[Case], list[str]]:
    """The cases whose toolchain is here, and why each other one is left out."""
    kept, left = [], []
    for case in cases:
        if (case.repo / "go.mod").exists() and go_available() is not None:
            left.append(f"{case.name}: {go_available()}")
        elif case.install and shutil.which("npm") is None:
            left.append(f"{case.name}: needs node and npm")
        else:
            kept.append(case)
    return kept, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="*", help="glob of case names (default: all)")
    parser.add_argument("--models", default=",".join(LIMITS), help="comma-separated reference agents")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args(argv)
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    unknown = [m for m in models if m not in LIMITS]
    if unknown or not models:
        print(f"error: --models takes some of {', '.join(LIMITS)}, not {args.models!r}", file=sys.stderr)
        return 2
    cases, left = runnable(load_cases(pattern=args.cases))
    for reason in left:
        print(f"left out {reason}")
    if not cases:
        print("error: no runnable case", file=sys.stderr)
        return 2
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="assay-reference-") as tmp:
        for model in models:
            start = time.monotonic()
            table[model] = scores(cases, model, Path(tmp) / model, args.concurrency)
            print(f"{model}: {len(cases)} cases in {time.monotonic() - start:.0f} s", flush=True)
    width = max(len(c.name) for c in cases)
    print(f"\n{'case':<{width}}  {'kind':<9}  {'split':<7}  " + "  ".join(f"{m:>7}" for m in models))
    for case in cases:
        row = "  ".join(f"{table[m].get(case.name, float('nan')):7.3f}" for m in models)
        print(f"{case.name:<{width}}  {case.kind:<9}  {case.split:<7}  {row}")
    problems = [p for m in models for p in violations(cases, m, table[m])]
    print()
    for model in models:
        if all(c.name in table[model] for c in cases):
            means = ", ".join(f"{kind} {mean:.3f}" for kind, mean in sorted(by_kind(cases, table[model]).items()))
            print(f"{model} (limits {LIMITS[model][0]}..{LIMITS[model][1]}): {means}")
    for problem in problems:
        print(f"WRONG SCORE: {problem}")
    print("ok: every agent within its limits on every case kind" if not problems else f"{len(problems)} wrong")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
