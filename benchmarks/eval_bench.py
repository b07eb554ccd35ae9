"""Eval harness speed: every case x 3 repeats with the offline engine, at concurrency 1 and 2.

    python benchmarks/eval_bench.py [--repeat 3] [--cases GLOB]

Prints the wall time of each run, the serial sum of attempt times, and the mean score. Node cases install
their dependencies once into the out folder's cache before the timed runs.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from pathlib import Path

from agent.evals.cases import load_cases
from agent.evals.harness import EvalConfig, install_cache, run_eval


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default="*")
    parser.add_argument("--model", default="offline")
    args = parser.parse_args()
    cases = load_cases(pattern=args.cases)
    with tempfile.TemporaryDirectory(prefix="assay-eval-bench-") as tmp:
        results = {}
        for concurrency in (1, 2):
            out = Path(tmp) / f"c{concurrency}"
            lock = threading.Lock()
            for case in cases:  # installs are not what this measures
                install_cache(case, out / "cache", lock)
            start = time.monotonic()
            lines = run_eval(EvalConfig(cases=cases, out=out, model=args.model, repeat=args.repeat,
                                        concurrency=concurrency, progress=False))
            wall = time.monotonic() - start
            serial = sum(line["metrics"]["wall_s"] for line in lines)
            mean = sum(line["score"] for line in lines) / len(lines)
            results[concurrency] = wall
            print(f"concurrency {concurrency}: {len(lines)} attempts ({len(cases)} cases x {args.repeat}) in "
                  f"{wall:.1f} s wall; attempts sum {serial:.1f} s; mean score {mean:.3f}", flush=True)
        print(f"speed-up with --concurrency 2: {results[1] / results[2]:.2f}x")


if __name__ == "__main__":
    main()
