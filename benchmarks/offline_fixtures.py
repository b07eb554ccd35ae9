"""Detection on the offline engine's own fixture apps (tests/fixtures/offline_apps/<app>/ with bugs.json).

For each app: a fresh git copy, one offline run, the kept tests run on the original (they must pass), then once
per seeded bug (a single text replacement). A bug is detected when the kept tests fail on it. Prints a table.
Usage: python benchmarks/offline_fixtures.py [app ...]
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session

APPS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "offline_apps"


def prepare(app: str, root: Path) -> Path:
    repo = root / app
    shutil.copytree(APPS / app, repo, ignore=shutil.ignore_patterns("bugs.json", "__pycache__"))
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "app"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    return repo


def kept_tests_fail(repo: Path, files: list[str]) -> bool:
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *files], cwd=repo,
                          capture_output=True, text=True, timeout=300)
    return done.returncode != 0


def measure(app: str, root: Path) -> dict[str, object]:
    repo = prepare(app, root)
    started = time.monotonic()
    result = run_session(RunConfig(repo=repo, request="add tests", model="offline",
                                   verify_options={"mutants": False}), sandbox=ProcessSandbox(),
                         progress=lambda _: None)
    elapsed = time.monotonic() - started
    files = [f.path for f in result.outcome.implementation.files if f.tests]
    tests = sum(len(f.tests) for f in result.outcome.implementation.files)
    green = bool(files) and not kept_tests_fail(repo, files)
    detected, missed = [], []
    for bug in json.loads((APPS / app / "bugs.json").read_text()):
        target = repo / bug["file"]
        original = target.read_text()
        assert bug["before"] in original, (app, bug["name"])
        target.write_text(original.replace(bug["before"], bug["after"], bug.get("count", -1)))
        (detected if files and kept_tests_fail(repo, files) else missed).append(bug["name"])
        target.write_text(original)
    return {"app": app, "detected": len(detected), "total": len(detected) + len(missed), "tests": tests,
            "green": green, "findings": list(result.outcome.run.findings), "missed": missed,
            "seconds": round(elapsed, 1), "verified": result.outcome.run.verified}


def main(argv: list[str]) -> int:
    apps = argv or sorted(p.name for p in APPS.iterdir() if (p / "bugs.json").is_file())
    total = found = 0
    with tempfile.TemporaryDirectory(prefix="assay-fixtures-") as tmp:
        for app in apps:
            row = measure(app, Path(tmp))
            found, total = found + int(row["detected"]), total + int(row["total"])  # type: ignore[call-overload]
            print(json.dumps(row))
    print(f"detected {found}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
