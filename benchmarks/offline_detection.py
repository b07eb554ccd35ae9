"""Offline engine detection benchmark on the seeded-bug corpus in `benchmarks/offline_corpus/`.

For each target: copy its app without the tests into a temp dir (git init + commit), run the real CLI
`assay run "<request>" --repo <copy> --model offline --json`, then apply each bug patch to a copy of the repo with
the tests assay kept and run them. A bug is detected when a kept test that passes on the original code fails (or
errors, or is no longer collected) on the patched code. The target's golden suite is measured the same way.

    python benchmarks/offline_detection.py [--split dev|holdout|all] [--target NAME] [--json] [--keep DIR]
    python benchmarks/offline_detection.py --check [--split ...] [--target NAME]

`--check` validates the corpus instead: every manifest is well formed, every patch applies, every golden suite
passes on the original and fails on every bug patch (`--quick`: manifests and patches only). It exits 1 naming
each problem.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

CORPUS = Path(__file__).resolve().parent / "offline_corpus"
SPLITS = ("dev", "holdout")
MIN_BUGS, MAX_BUGS = 6, 10
ENGINE_BUDGET_S = 60.0
ENGINE_TIMEOUT_S = 900
PYTEST_TIMEOUT_S = 300
# Left out of every copy: caches and anything a local run of the golden suite may have made.
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "instance", "*.sqlite", "*.db", ".assay")
PASSED = "passed"


class CorpusError(Exception):
    """A target whose manifest or files are not usable."""


@dataclass(frozen=True)
class Bug:
    id: str
    description: str
    patch: Path


@dataclass(frozen=True)
class Target:
    name: str
    split: str
    root: Path
    request: str
    shape: str
    bugs: tuple[Bug, ...]

    @property
    def app(self) -> Path:
        return self.root / "app"


def load_target(root: Path, split: str) -> Target:
    """Read and validate `target.toml`; raise CorpusError with every problem found."""
    manifest = root / "target.toml"
    if not manifest.is_file():
        raise CorpusError(f"{root.name}: no target.toml")
    try:
        data = tomllib.loads(manifest.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{root.name}: target.toml: {exc}") from exc
    problems = []
    unknown = set(data) - {"request", "shape", "bugs"}
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)}")
    request, shape = data.get("request"), data.get("shape")
    if not isinstance(request, str) or not request.strip():
        problems.append("`request` must be a non-empty string")
    if not isinstance(shape, str) or not shape.strip():
        problems.append("`shape` must be a non-empty string")
    bugs: list[Bug] = []
    for entry in data.get("bugs", []):
        bug_id, description = entry.get("id"), entry.get("description")
        if not isinstance(bug_id, str) or not isinstance(description, str) or not description.strip():
            problems.append(f"bug entry {entry!r} needs a string `id` and a `description`")
            continue
        patch = root / "bugs" / f"{bug_id}.patch"
        if not patch.is_file():
            problems.append(f"bug {bug_id}: no bugs/{bug_id}.patch")
        bugs.append(Bug(bug_id, description, patch))
    ids = [bug.id for bug in bugs]
    if len(set(ids)) != len(ids):
        problems.append("duplicate bug ids")
    if not MIN_BUGS <= len(bugs) <= MAX_BUGS:
        problems.append(f"{len(bugs)} bugs (want {MIN_BUGS}-{MAX_BUGS})")
    strays = {p.stem for p in (root / "bugs").glob("*.patch")} - set(ids) if (root / "bugs").is_dir() else set()
    if strays:
        problems.append(f"patches not in the manifest: {sorted(strays)}")
    if not (root / "app" / "tests").is_dir():
        problems.append("no app/tests (the golden suite)")
    if problems:
        raise CorpusError(f"{root.name}: " + "; ".join(problems))
    assert isinstance(request, str) and isinstance(shape, str)
    return Target(root.name, split, root, request.strip(), shape.strip(), tuple(bugs))


def discover(corpus: Path, split: str, name: str | None) -> tuple[list[Target], list[str]]:
    """The targets of a split (or all), with the manifest problems of the ones that could not be loaded."""
    targets, problems = [], []
    for part in SPLITS if split == "all" else (split,):
        folder = corpus / part
        if not folder.is_dir():
            continue
        for root in sorted(p for p in folder.iterdir() if p.is_dir()):
            if name and root.name != name:
                continue
            try:
                targets.append(load_target(root, part))
            except CorpusError as exc:
                problems.append(str(exc))
    return targets, problems


def copy_app(target: Target, dest: Path, *, with_tests: bool) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(IGNORED(folder, names))
        if not with_tests and Path(folder) == target.app:
            skipped.add("tests")
        return skipped

    shutil.copytree(target.app, dest, ignore=ignore)
    return dest


def copy_repo(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns(".git", ".assay", "__pycache__", ".pytest_cache"))
    return dest


def git_commit_all(repo: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@localhost",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@localhost"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "initial"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def apply_patch(repo: Path, patch: Path) -> str | None:
    """Apply a unified diff; the error text when it does not apply."""
    done = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=repo, capture_output=True,
                          text=True)
    return None if done.returncode == 0 else (done.stderr.strip() or f"git apply exit {done.returncode}")


@dataclass
class PytestRun:
    exit_code: int | None
    statuses: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    output_tail: str = ""

    @property
    def passing(self) -> set[str]:
        return {test for test, status in self.statuses.items() if status == PASSED}

    @property
    def not_passing(self) -> dict[str, str]:
        return {test: status for test, status in self.statuses.items() if status != PASSED}


def _junit_statuses(report: Path) -> dict[str, str]:
    statuses: dict[str, str] = {}
    if not report.is_file():
        return statuses
    for case in ET.parse(report).getroot().iter("testcase"):
        test = f"{case.get('classname', '')}::{case.get('name', '')}"
        status = PASSED
        for child in case:
            if child.tag == "failure":
                status = "failed"
            elif child.tag == "error":
                status = "error"
            elif child.tag == "skipped":
                status = "xfailed" if child.get("type") == "pytest.xfail" else "skipped"
        statuses[test] = status
    return statuses


def run_pytest(repo: Path, paths: list[str], *, first_failure: bool = False) -> PytestRun:
    """Run pytest on `paths` in `repo` with this interpreter; per-test statuses from a JUnit report.

    `first_failure` stops at the first failing test (`-x`): enough to tell a detection when every test passed on
    the original code."""
    with tempfile.TemporaryDirectory(prefix="bench-junit-") as tmp:
        report = Path(tmp) / "report.xml"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "ANTHROPIC_"))}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}",
                 *(["-x"] if first_failure else []), *paths],
                cwd=repo, env=env, capture_output=True, text=True, timeout=PYTEST_TIMEOUT_S,
            )
            code: int | None = done.returncode
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        except subprocess.TimeoutExpired:
            code, tail = None, f"pytest timed out after {PYTEST_TIMEOUT_S} s"
        return PytestRun(code, _junit_statuses(report), time.perf_counter() - start, tail)


def detects(original: PytestRun, patched: PytestRun) -> bool:
    """A test that passed on the original fails, errors or is gone on the patched code, and the run is red."""
    if patched.exit_code == 0:
        return False
    return any(patched.statuses.get(test) != PASSED for test in original.passing)


# ----------------------------------------------------------------------------------------------- check mode


def check_target(target: Target, work: Path, *, quick: bool = False) -> list[str]:
    """The target's problems: patches that do not apply, and (unless `quick`) a golden suite that fails on the
    original or passes with a bug."""
    if quick:
        problems = []
        for bug in target.bugs:
            error = apply_patch(copy_app(target, work / f"bug-{bug.id}", with_tests=False), bug.patch)
            if error:
                problems.append(f"{target.name}/{bug.id}: the patch does not apply: {error}")
        return problems
    problems = []
    repo = copy_app(target, work / "golden", with_tests=True)
    original = run_pytest(repo, ["tests"])
    if original.exit_code != 0 or not original.statuses or original.not_passing:
        bad = ", ".join(f"{t} {s}" for t, s in original.not_passing.items()) or original.output_tail
        return [f"{target.name}: the golden suite does not pass on the original: {bad}"]
    for bug in target.bugs:
        patched_repo = copy_app(target, work / f"bug-{bug.id}", with_tests=True)
        error = apply_patch(patched_repo, bug.patch)
        if error:
            problems.append(f"{target.name}/{bug.id}: the patch does not apply: {error}")
            continue
        if not detects(original, run_pytest(patched_repo, ["tests"], first_failure=True)):
            problems.append(f"{target.name}/{bug.id}: the golden suite still passes with the bug")
    return problems


def check(targets: list[Target], problems: list[str], *, quick: bool = False) -> int:
    for target in targets:
        with tempfile.TemporaryDirectory(prefix=f"bench-check-{target.name}-") as tmp:
            start = time.perf_counter()
            found = check_target(target, Path(tmp), quick=quick)
        problems += found
        state = "OK" if not found else f"{len(found)} problem(s)"
        print(f"{target.split}/{target.name}: {len(target.bugs)} bugs, {state} ({time.perf_counter() - start:.1f} s)",
              flush=True)
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    print(f"{len(targets)} target(s) checked, {len(problems)} problem(s)")
    return 1 if problems or not targets else 0


# ------------------------------------------------------------------------------------------------ benchmark


@dataclass
class TargetResult:
    name: str
    split: str
    bugs: int
    detected: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    golden_detected: int = 0
    engine_exit: int | None = None
    engine_seconds: float = 0.0
    verified: bool = False
    verdict: str = ""
    kept_files: list[str] = field(default_factory=list)
    tests_kept: int = 0
    red_on_original: dict[str, str] = field(default_factory=dict)
    findings: list[str] = field(default_factory=list)
    mutation_score: float | None = None
    error: str | None = None

    @property
    def false_findings(self) -> int:
        """Findings reported on correct code, or kept tests that do not plainly pass on it (xfails carry the
        findings, so they count once: the larger of the two), plus kept tests that fail or error on it."""
        xfailed = sum(1 for s in self.red_on_original.values() if s == "xfailed")
        red = sum(1 for s in self.red_on_original.values() if s in ("failed", "error"))
        return max(len(self.findings), xfailed) + red


def kept_test_files(repo: Path, outcome: dict[str, Any]) -> list[str]:
    files = outcome.get("implementation", {}).get("files", [])
    return sorted({f["path"] for f in files if f.get("tests") and (repo / f["path"]).is_file()})


def run_engine(target: Target, repo: Path) -> tuple[int | None, float, dict[str, Any], str]:
    assay = Path(sys.executable).with_name("assay")
    command = [str(assay) if assay.exists() else "assay", "run", target.request, "--repo", str(repo),
               "--model", "offline", "--json"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ANTHROPIC_")}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=ENGINE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - start, {}, f"assay run timed out after {ENGINE_TIMEOUT_S} s"
    seconds = time.perf_counter() - start
    try:
        outcome = json.loads(done.stdout)
    except json.JSONDecodeError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return done.returncode, seconds, {}, f"no outcome JSON (exit {done.returncode}): {last}"
    return done.returncode, seconds, outcome, ""


def measure(target: Target, work: Path, keep: Path | None) -> TargetResult:
    result = TargetResult(target.name, target.split, len(target.bugs))
    repo = copy_app(target, work / "repo", with_tests=False)
    git_commit_all(repo)
    result.engine_exit, result.engine_seconds, outcome, result.error = run_engine(target, repo)
    run = outcome.get("run", {})
    result.verified, result.verdict = bool(run.get("verified")), str(run.get("verdict", ""))
    result.findings = list(run.get("findings", []))
    mutation = run.get("checks", {}).get("mutation") or {}
    result.mutation_score = mutation.get("score") if isinstance(mutation, dict) else None
    result.kept_files = kept_test_files(repo, outcome)
    if keep is not None:  # with the run's transcript and outcome under .assay/
        shutil.copytree(repo, keep / target.split / target.name, ignore=shutil.ignore_patterns("__pycache__"))

    golden_repo = copy_app(target, work / "golden", with_tests=True)
    golden = run_pytest(golden_repo, ["tests"])
    # Every run gets its own copy, so files a test run leaves behind (a SQLite file, an instance folder) never
    # reach the next one.
    pristine = copy_repo(repo, work / "pristine")
    kept = PytestRun(None)
    if result.kept_files:
        kept = run_pytest(copy_repo(pristine, work / "kept-original"), result.kept_files)
    result.tests_kept = len(kept.statuses)
    result.red_on_original = kept.not_passing
    for bug in target.bugs:
        if result.kept_files:
            patched = copy_repo(pristine, work / f"kept-{bug.id}")
            stop_early = not any(s in ("failed", "error") for s in kept.not_passing.values())
            error = apply_patch(patched, bug.patch)
            if error:
                result.error = f"{bug.id} does not apply to the repo after the run: {error}"
            if not error and detects(kept, run_pytest(patched, result.kept_files, first_failure=stop_early)):
                result.detected.append(bug.id)
            else:
                result.missed.append(bug.id)
        else:
            result.missed.append(bug.id)
        patched_golden = copy_app(target, work / f"golden-{bug.id}", with_tests=True)
        if apply_patch(patched_golden, bug.patch) is None and detects(
            golden, run_pytest(patched_golden, ["tests"], first_failure=not golden.not_passing)
        ):
            result.golden_detected += 1
    return result


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def print_target(r: TargetResult, file: TextIO = sys.stdout) -> None:
    mutation = f"{100 * r.mutation_score:.0f}%" if r.mutation_score is not None else "-"
    over = ", over budget" if r.engine_seconds > ENGINE_BUDGET_S else ""
    print(f"{r.split}/{r.name}: detected {len(r.detected)}/{r.bugs} | golden {r.golden_detected}/{r.bugs} | "
          f"false findings {r.false_findings} | mutation {mutation} | tests kept {r.tests_kept} | "
          f"engine {r.engine_seconds:.1f} s (exit {r.engine_exit}{over})",
          flush=True, file=file)
    if r.error:
        print(f"    error: {r.error}", file=file)
    if r.verdict and not r.verified:
        print(f"    not verified: {r.verdict}", file=file)
    if r.missed:
        print(f"    missed: {', '.join(r.missed)}", file=file)
    for finding in r.findings:
        print(f"    finding on correct code: {finding}", file=file)
    for test, status in r.red_on_original.items():
        print(f"    kept test {status} on correct code: {test}", file=file)


def totals(results: list[TargetResult]) -> dict[str, dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    ran = {r.split for r in results}
    for split in (*SPLITS, "all"):
        part = [r for r in results if split in ("all", r.split)]
        if not part or (split == "all" and len(ran) < 2):
            continue
        bugs = sum(r.bugs for r in part)
        detected = sum(len(r.detected) for r in part)
        golden = sum(r.golden_detected for r in part)
        scores = [r.mutation_score for r in part if r.mutation_score is not None]
        times = [r.engine_seconds for r in part]
        summary[split] = {
            "targets": len(part), "bugs": bugs, "detected": detected, "detection": detected / bugs if bugs else 0.0,
            "golden_detected": golden, "false_findings": sum(r.false_findings for r in part),
            "tests_kept": sum(r.tests_kept for r in part),
            "mean_mutation_score": statistics.fmean(scores) if scores else None,
            "median_engine_s": statistics.median(times), "max_engine_s": max(times),
            "over_budget": sum(1 for t in times if t > ENGINE_BUDGET_S),
        }
    return summary


def print_totals(summary: dict[str, dict[str, Any]]) -> None:
    for split, s in summary.items():
        mutation = f"{100 * s['mean_mutation_score']:.0f}%" if s["mean_mutation_score"] is not None else "-"
        print(f"TOTAL {split}: detected {s['detected']}/{s['bugs']} ({_pct(s['detected'], s['bugs'])}) | golden "
              f"{s['golden_detected']}/{s['bugs']} | false findings {s['false_findings']} | mean mutation {mutation} "
              f"| tests kept {s['tests_kept']} | engine median {s['median_engine_s']:.1f} s, max "
              f"{s['max_engine_s']:.1f} s, {s['over_budget']} over {ENGINE_BUDGET_S:.0f} s ({s['targets']} targets)")


def benchmark(targets: list[Target], as_json: bool, keep: Path | None) -> int:
    results = []
    for target in targets:
        with tempfile.TemporaryDirectory(prefix=f"bench-{target.name}-") as tmp:
            result = measure(target, Path(tmp), keep)
        results.append(result)
        print_target(result, sys.stderr if as_json else sys.stdout)
    summary = totals(results)
    if as_json:
        rows = [{**asdict(r), "false_findings": r.false_findings} for r in results]
        print(json.dumps({"targets": rows, "totals": summary}, indent=2))
    else:
        print_totals(summary)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument("--target", help="only the target with this folder name")
    parser.add_argument("--check", action="store_true", help="validate the corpus instead of running the engine")
    parser.add_argument("--quick", action="store_true",
                        help="with --check: manifests and patches only, without running the golden suites")
    parser.add_argument("--json", action="store_true",
                        help="print the results as JSON on stdout (the per-target lines go to stderr)")
    parser.add_argument("--keep", type=Path, help="copy each repo with the tests assay kept into this folder")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.corpus = args.corpus.resolve()  # patches are applied from inside a temp copy: a relative path misses
    targets, problems = discover(args.corpus, args.split, args.target)
    if not targets and not problems:  # a name from another split checks, and measures, nothing
        print(f"assay bench: no target in {args.corpus} for split {args.split}"
              + (f" named {args.target}" if args.target else ""), file=sys.stderr)
        return 2
    if args.check:
        return check(targets, problems, quick=args.quick)
    if problems:
        for problem in problems:
            print(f"assay bench: {problem}", file=sys.stderr)
        return 2
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        print(f"assay bench: --keep {args.keep} is not empty", file=sys.stderr)
        return 2
    return benchmark(targets, args.json, args.keep)


if __name__ == "__main__":
    sys.exit(main())
