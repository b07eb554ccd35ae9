"""`assay optimize-skill` on the bundled cases, offline: the follower reference agent and the scripted reflector,
from the bundled skill with one scenario's word taken out (so the loop has something to find).

    python benchmarks/optimize_bench.py [--scenario boundary] [--dev NAMES] [--out DIR] [--concurrency 1]

Runs the real CLI with `--quick-verify` (the graders run in full) and prints, from its
outputs: the gate, every candidate's dev score, the holdout comparison and decision, the paired test recomputed
from the cached holdout attempts, attempts run and wall time. Interrupted, it resumes from --out.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import time
from pathlib import Path

from agent.cli import main as assay
from agent.evals.cases import load_cases
from agent.evals.harness import read_results
from agent.evals.stats import paired_test
from agent.skill import default_skill_dir


def weakened_skill(dest: Path, scenario: str) -> Path:
    """The bundled skill with every mention of `scenario` (as a word) replaced by a neutral one."""
    folder = dest / default_skill_dir().name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(default_skill_dir(), folder)
    words = r"[ _-]".join(scenario.split("_"))
    for path in folder.rglob("*.md"):
        path.write_text(re.sub(rf"\b{words}\b", "limit", path.read_text(encoding="utf-8"), flags=re.I),
                        encoding="utf-8")
    return folder


def selected_cases(dest: Path, dev: list[str]) -> Path:
    """The named dev cases and every holdout case but the Node ones (their `npm ci` is not what this measures),
    copied as they are (same content digests, so the attempt cache still applies)."""
    if dest.exists():
        shutil.rmtree(dest)
    for case in load_cases():
        if case.name in dev or (case.split == "holdout" and not case.install):
            shutil.copytree(case.folder, dest / case.name, ignore=shutil.ignore_patterns("node_modules"))
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", default="boundary")
    parser.add_argument("--dev", default="checkout-side-effects",
                        help="comma-separated dev cases to tune on (default: one with boundary bugs)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/assay-optimize-bench"))
    parser.add_argument("--concurrency", default="1")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    skill = weakened_skill(args.out / "seed", args.scenario)
    cases = selected_cases(args.out / "cases", args.dev.split(","))
    start = time.monotonic()
    code = assay(["optimize-skill", "--skill", str(skill), "--cases-dir", str(cases), "--model", "follower",
                  "--reflection-model", "scripted", "--quick-verify", "--out", str(args.out / "run"),
                  "--concurrency", args.concurrency, "--iterations", "4"])
    wall = time.monotonic() - start
    run = args.out / "run"
    if code != 0:
        print(f"assay optimize-skill exited {code}", file=sys.stderr)
        sys.exit(code)
    summary = json.loads((run / "summary.json").read_text())
    print(f"gate: {json.dumps({a: v['mean_score'] for a, v in summary['gate'].items()})}")
    with (run / "results.tsv").open() as f:
        for row in csv.DictReader(f, delimiter="\t"):
            print(f"{row['id']} parent {row['parent']} dev {row['dev_score']} [{row['dev_ci_low']}, "
                  f"{row['dev_ci_high']}] {row['status']}: {row['change'][:80]}")
    decision = summary["decision"]
    print(f"decision: {decision['reason']}")
    holdout = decision.get("holdout")
    if holdout:
        hashes = {c["id"]: c["hash"] for c in summary["candidates"]}

        def means(skill_hash: str) -> dict[str, float]:
            out = {}
            for folder in (run / "cache").glob(f"follower@*/{skill_hash}/*"):
                lines = [x for x in read_results(folder) if x["split"] == "holdout"]
                if lines:
                    out[lines[0]["case"]] = sum(x["score"] for x in lines) / len(lines)
            return out

        base, best = means(hashes["c0"]), means(hashes[decision["candidate"]])
        again = paired_test([best[c] - base[c] for c in sorted(base)])
        print(f"holdout: {holdout['cases']} cases, mean delta {holdout['mean_delta']:+.3f}, "
              f"p {holdout['p_value']:.4f}, verdict {holdout['verdict']}; recomputed from the cache: "
              f"p {again.p_value:.4f}, {again.verdict}")
    print(f"attempts run {summary['budget']['attempts']}, reflection calls {summary['budget']['reflection_calls']}, "
          f"wall {wall:.0f}s")


if __name__ == "__main__":
    main()
