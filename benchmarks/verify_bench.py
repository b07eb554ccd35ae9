"""Verification cost: the plain run of ~20 new tests vs the full proof (5 flake runs, regression lock, coverage
delta, ~30 mutants) on the orders example, and a check that the user's tree is byte-identical afterwards.
Target: full verification <= 4x the plain run on 2 cores. Prints the figures."""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

from agent import verify
from agent.demo import DEMO_REQUEST, prepare_demo_repo
from agent.models.offline import OfflineModel
from agent.outcome import ModelSubmission
from agent.runners import PytestRunner, run_tests
from agent.sandbox import default_sandbox
from agent.session import RunConfig, run_session


def digest(repo: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in repo.rglob("*") if p.is_file() and ".assay" not in p.parts and ".git" not in p.parts):
        h.update(str(path.relative_to(repo)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = prepare_demo_repo(Path(tmp))
        model = OfflineModel()
        result = run_session(RunConfig(repo=repo, request=DEMO_REQUEST, model="offline",
                                       verify_options={"mutants": False, "flake_reruns": 1, "coverage": False}),
                             model=model, progress=lambda _: None)
        files = [f.path for f in result.outcome.implementation.files]
        submission = ModelSubmission.model_validate(result.outcome.model_dump(exclude={"run"}))
        sandbox = default_sandbox()
        before = digest(repo)

        start = time.perf_counter()
        plain, _ = run_tests(PytestRunner(), sandbox, repo, files)
        plain_s = time.perf_counter() - start

        verify._FLAKE_CACHE.clear()
        verify._MUTATION_CACHE.clear()
        verify._RUN_CACHE.clear()
        verify._COVERAGE_CACHE.clear()
        ctx = verify.VerifyContext(repo=repo, submission=submission, sandbox=sandbox, request=DEMO_REQUEST,
                                   written_files=files, options={"flake_reruns": 5, "max_mutants": 30})
        start = time.perf_counter()
        report = verify.build_report(ctx)
        full_s = time.perf_counter() - start
        identical = digest(repo) == before

    tests = plain.passed + plain.failed + plain.xfailed
    print(f"plain run of {tests} new tests: {plain_s:.2f} s")
    print(f"full verification: {full_s:.2f} s ({report.checks['flake']['runs']} flake runs, "
          f"{report.checks['mutation'].get('killed', 0) + len(report.checks['mutation'].get('survived', []))} "
          f"mutants, regression lock, coverage delta)")
    print(f"ratio: {full_s / plain_s:.1f}x (target <= 4x) -> {'OK' if full_s / plain_s <= 4 else 'MISSED'}")
    print(f"user's tree byte-identical afterwards: {identical}")


if __name__ == "__main__":
    main()
