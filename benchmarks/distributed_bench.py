"""Celery executor speed: 16 offline attempts on 1 worker vs 2 workers (this machine, concurrency 1 each), and the
per-attempt overhead of the queue against the local executor at concurrency 1.

    python benchmarks/distributed_bench.py [--cases token-bucket,webhook-signature] [--attempts 16]

Starts its own redis-server on a free loopback port (apt-get install redis-server) and its own `assay worker`
processes; prints wall times, the 2-vs-1 worker ratio, and (celery 1 worker - local) / attempts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agent.evals.cases import default_cases_root


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(path: Path, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in (path.read_text(errors="replace") if path.exists() else ""):
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {text!r} in {path}")
        time.sleep(0.05)


def timed_eval(tmp: Path, name: str, cases: Path, repeat: int, env: dict[str, str], *extra: str) -> float:
    """Wall time of one `assay eval` run; also prints what its lines say (attempts, errors, attempt times)."""
    cmd = [sys.executable, "-m", "agent.cli", "eval", "--cases-dir", str(cases), "--repeat", str(repeat),
           "--no-mutants", "--quiet", "--out", str(tmp / name), *extra]
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{name}: exit {done.returncode}: {done.stderr.strip()[-300:]}")
    lines = [json.loads(raw) for raw in (tmp / name / "results.jsonl").read_text().splitlines() if raw.strip()]
    errors = sum(1 for line in lines if line["error"])
    inside = sum(line["metrics"]["wall_s"] for line in lines)
    print(f"  {name}: {len(lines)} lines, {errors} with an error, attempts themselves {inside:.1f} s in sum",
          flush=True)
    return wall


def task_seconds(tmp: Path) -> float:
    """The run time of every task the workers logged so far (Celery's `succeeded in Xs`)."""
    return sum(float(x) for log in tmp.glob("w*.log")
               for x in re.findall(r"succeeded in ([0-9.]+)s", log.read_text(errors="replace")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", default="token-bucket,webhook-signature")
    parser.add_argument("--attempts", type=int, default=16)
    args = parser.parse_args()
    redis = shutil.which("redis-server")
    if redis is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    names = args.cases.split(",")
    repeat = max(1, args.attempts // len(names))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "ASSAY_"))}
    with tempfile.TemporaryDirectory(prefix="assay-distributed-bench-") as folder:
        tmp = Path(folder)
        cases = tmp / "cases"
        for name in names:
            shutil.copytree(default_cases_root() / name, cases / name,
                            ignore=shutil.ignore_patterns("node_modules", "__pycache__", ".pytest_cache"))
        port = free_port()
        url = f"redis://127.0.0.1:{port}/0"
        server = subprocess.Popen([redis, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp),
                                   "--save", ""], stdout=subprocess.DEVNULL)
        workers: list[subprocess.Popen[bytes]] = []
        try:
            time.sleep(0.5)
            print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
            attempts = repeat * len(names)
            # the process start-up of `assay eval` is paid once per run by both executors: measured, not hidden
            local = timed_eval(tmp, "local", cases, repeat, env, "--executor", "local")
            print(f"local executor, concurrency 1: {attempts} attempts in {local:.1f} s", flush=True)
            walls = {}
            for count in (1, 2):
                while len(workers) < count:
                    n = len(workers) + 1
                    log = tmp / f"w{n}.log"
                    with log.open("ab") as sink:
                        workers.append(subprocess.Popen(
                            [sys.executable, "-m", "agent.cli", "worker", "--broker", url, "--concurrency", "1",
                             "--name", f"w{n}@bench", "--workdir", str(tmp / f"w{n}")], env=env, stdout=sink,
                            stderr=subprocess.STDOUT, start_new_session=True))
                    wait_for(log, "ready.")
                before = task_seconds(tmp)
                walls[count] = timed_eval(tmp, f"celery{count}", cases, repeat, env, "--executor", "celery",
                                          "--broker", url)
                print(f"  celery{count}: the workers' task time (attempt + packing + result) "
                      f"{task_seconds(tmp) - before:.1f} s in sum", flush=True)
                print(f"celery, {count} worker(s) x concurrency 1: {attempts} attempts in {walls[count]:.1f} s",
                      flush=True)
            print(f"2 workers vs 1: wall-time ratio {walls[2] / walls[1]:.2f} (speed-up {walls[1] / walls[2]:.2f}x)")
            print(f"queue overhead per attempt vs the local executor: {(walls[1] - local) / attempts:+.3f} s")
        finally:
            for worker in workers:
                os.killpg(worker.pid, signal.SIGTERM)
            for worker in workers:
                worker.wait(30)
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
