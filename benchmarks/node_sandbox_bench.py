"""What bubblewrap costs Node test runs: the Node eval cases' golden suites, run by their own runner, N times in
the fallback (`ProcessSandbox`) and in `BwrapSandbox`, with the default limits.

    python benchmarks/node_sandbox_bench.py [--runs 5]

Installs each case's dependencies once (`npm ci`, outside the sandbox) into a temporary folder, then prints the
median and spread of one runner invocation per case and sandbox. Jest's cache stays warm across runs in the
fallback (the host's /tmp) and starts cold in every bubblewrap run (a private /tmp), as it does in real runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import threading
from pathlib import Path

from agent.evals.cases import load_cases
from agent.evals.harness import install_cache, prepare_repo
from agent.runners import detect_runner, run_tests
from agent.sandbox import BwrapSandbox, ProcessSandbox, Sandbox, bwrap_works


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sandboxes: list[Sandbox] = [ProcessSandbox()]
    if (reason := bwrap_works()) is None:
        sandboxes.append(BwrapSandbox())
    else:
        print(f"bwrap unavailable ({reason}); fallback only")
    with tempfile.TemporaryDirectory(prefix="assay-node-bench-") as tmp:
        lock = threading.Lock()
        for case in [c for c in load_cases() if c.install]:
            repo = Path(tmp) / case.name
            prepare_repo(case, repo, install_cache(case, Path(tmp) / "cache", lock))
            shutil.copytree(case.golden, repo, dirs_exist_ok=True)
            files = sorted(p.relative_to(case.golden).as_posix() for p in case.golden.rglob("*")
                           if p.is_file())
            runner = detect_runner(repo)
            assert runner is not None, case.name
            for sandbox in sandboxes:
                times, passed = [], 0
                for _ in range(args.runs):
                    run, result = run_tests(runner, sandbox, repo, files, timeout=300)
                    times.append(result.duration_s)
                    passed = run.passed
                print(f"{case.name:24} {runner.name:7} {sandbox.name:8} median {statistics.median(times):5.2f} s  "
                      f"min {min(times):5.2f}  max {max(times):5.2f}  ({passed} passed per run)")


if __name__ == "__main__":
    main()
