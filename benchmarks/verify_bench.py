"""Verification cost: plain run of ~20 new API tests vs full verification (5 flake runs + ~30 mutants).

Builds a throw-away git repo from examples/orders-service with tests/fixtures/orders_api_suite.py as the
new test file, then prints the plain run time, the full `build_report` time, their ratio (target <= 4x on
2 cores), the proofs' summaries, and whether the tree is byte-identical afterwards (`.assay/` excluded:
it is the runtime's own git-ignored folder). Then a breakdown of the last full run: wall time of each step
of `build_report`, CPU seconds of each part of the proof driver's work, and the floor that CPU total puts
on the wall time with the cores of this machine (the plain first run is serial; the rest can overlap).
Wall figures swing with the machine's load (printed); CPU figures much less.

    .venv/bin/python benchmarks/verify_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agent import verify
from agent.outcome import ModelSubmission
from agent.proof.mutation import ProofRun
from agent.runners import PytestRunner, run_tests
from agent.sandbox import BwrapSandbox, ProcessSandbox, Sandbox

ROOT = Path(__file__).resolve().parents[1]
NEW_TEST = "tests/test_orders_api.py"


def _repo(base: Path) -> Path:
    repo = base / "orders-service"
    shutil.copytree(ROOT / "examples" / "orders-service", repo)
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
    git = ["git", "-c", "user.name=b", "-c", "user.email=b@example.invalid", "-c", "core.hooksPath=/dev/null"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run([*git, "commit", "-qm", "service"], cwd=repo, check=True, env=env)
    (repo / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "fixtures" / "orders_api_suite.py", repo / NEW_TEST)
    return repo


def _tree(repo: Path) -> dict[str, str]:
    return {p.relative_to(repo).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(repo.rglob("*"))
            if p.is_file() and not {".git", ".assay"} & set(p.relative_to(repo).parts)}


def _submission() -> ModelSubmission:
    return ModelSubmission.model_validate({
        "test_surface": {"summary": "The orders API.", "targets": ["orders/app.py"]},
        "plan": {"layers": ["integration"]},
        "implementation": {"files": [{"path": NEW_TEST, "action": "created"}]},
    })


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STEPS: list[tuple[str, float, float]] = []
"""(step, started at, seconds) for the current `build_report`, from the wrapped functions below."""


def _timed(name: str, function: Callable[..., Any], origin: list[float]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.monotonic()
        try:
            return function(*args, **kwargs)
        finally:
            STEPS.append((name, start - origin[0], time.monotonic() - start))
    return wrapper


def _instrument(origin: list[float]) -> None:
    """Time the steps `build_report` takes (names as `verify` imports them)."""
    for name, label in (("run_tests", "plain run (pytest)"), ("measure", "coverage run (existing tests)"),
                        ("after_traced", "coverage combine")):
        setattr(verify, name, _timed(label, getattr(verify, name), origin))
    # Patched on the class, which `verify` uses under the same name.
    ProofRun._launch = _timed("proof driver launched", ProofRun._launch, origin)  # type: ignore[method-assign]
    ProofRun.finish = _timed(  # type: ignore[method-assign]
        "proof driver jobs (reruns, mapping, mutants)", ProofRun.finish, origin)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bwrap", action="store_true", help="run inside bubblewrap (default: the process sandbox)")
    args = parser.parse_args()
    sandbox: Sandbox = BwrapSandbox() if args.bwrap else ProcessSandbox()
    plain_times: list[float] = []
    full_times: list[float] = []
    plain_cpu: list[float] = []
    full_cpu: list[float] = []
    origin = [0.0]
    _instrument(origin)
    with tempfile.TemporaryDirectory(prefix="assay-bench-") as tmp:
        repo = _repo(Path(tmp))
        before = _tree(repo)
        for index in range(args.repeat):
            start, cpu = time.monotonic(), _children_cpu()
            run, _ = run_tests(PytestRunner(), sandbox, repo, [NEW_TEST], timeout=300)
            plain_times.append(time.monotonic() - start)
            plain_cpu.append(_children_cpu() - cpu)
            # A fresh request each time: the caches in `verify` are keyed by content and must not be reused.
            (repo / NEW_TEST).write_text((repo / NEW_TEST).read_text() + f"\n# run {index}\n")
            before = _tree(repo)
            ctx = verify.VerifyContext(repo=repo, submission=_submission(), sandbox=sandbox,
                                       request=f"bench {index}", written_files=[NEW_TEST],
                                       options={"flake_reruns": 5, "max_mutants": 30})
            STEPS.clear()
            start, cpu = time.monotonic(), _children_cpu()
            origin[0] = start
            report = verify.build_report(ctx)
            full_times.append(time.monotonic() - start)
            full_cpu.append(_children_cpu() - cpu)
        identical = _tree(repo) == before
    plain, full = statistics.median(plain_times), statistics.median(full_times)
    print(f"sandbox: {sandbox.name}  cores: {os.cpu_count()}  load average: {os.getloadavg()[0]:.2f}")
    print(f"new tests: {run.passed} passed of {len(run.tests)}")
    print(f"plain run:          {plain:6.2f} s  (median of {args.repeat}: {_list(plain_times)})")
    print(f"full verification:  {full:6.2f} s  (median of {args.repeat}: {_list(full_times)})")
    print(f"ratio:              {full / plain:6.2f} x  (target <= 4x)")
    cores = os.cpu_count() or 1
    cpu_plain, cpu_full = statistics.median(plain_cpu), statistics.median(full_cpu)
    if cpu_plain < 0.05 * plain:  # bwrap's own init reaps the commands: their CPU never reaches this process
        print("CPU seconds:        not observable from here under this sandbox (see the driver's parts below)")
    else:
        print(f"CPU seconds:        plain {cpu_plain:.2f}, full {cpu_full:.2f} (medians; all child processes)")
        floor = (cpu_plain + max(0.0, cpu_full - cpu_plain) / cores) / cpu_plain
        print(f"CPU floor:          {floor:6.2f} x  (the plain run serial, the rest spread perfectly over {cores} "
              "cores, no disk waits)")
    print(f"flake:     {report.checks.flake.summary}")
    print(f"mutation:  {report.checks.mutation.summary}")
    timings = dict(report.checks.mutation.timings)
    cpu_parts = timings.pop("cpu", {})
    print("breakdown of the last full run (wall: started at + seconds):")
    for name, started, seconds in STEPS:
        print(f"  {name:42s} at {started:5.2f}  {seconds:5.2f} s")
    print(f"  driver phases (s since its start): {timings}")
    print(f"  driver CPU seconds by part: {cpu_parts}")
    via = [m.get("via", "re-import") for m in report.checks.mutation.mutants if "seconds" in m]
    print(f"mutants by code swap: {via.count('swap')}, by re-import: {via.count('re-import')}")
    print(f"verified:  {report.verified}")
    print(f"tree byte-identical afterwards: {identical}")


if __name__ == "__main__":
    main()
