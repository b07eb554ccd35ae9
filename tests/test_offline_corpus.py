"""The offline engine's seeded-bug corpus (benchmarks/offline_corpus) stays usable: manifests valid, patches apply,
a golden suite passes on its app and fails on each of its bugs, and the checker names a broken target."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "offline_detection.py"
CORPUS = ROOT / "benchmarks" / "offline_corpus"


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--check", *args], capture_output=True, text=True,
                          timeout=240, cwd=ROOT)


def test_every_manifest_is_valid_and_every_patch_applies() -> None:
    done = run_check("--split", "all", "--quick")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 problem(s)" in done.stdout
    dev = [line for line in done.stdout.splitlines() if line.startswith("dev/")]
    holdout = [line for line in done.stdout.splitlines() if line.startswith("holdout/")]
    assert len(dev) >= 12
    assert len(holdout) >= 6
    assert (CORPUS / "holdout" / "README.md").is_file()


def test_golden_suite_passes_on_the_original_and_catches_every_bug() -> None:
    done = run_check("--target", "ratelimit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "dev/ratelimit: 9 bugs, OK" in done.stdout


def test_the_checker_names_a_patch_that_does_not_apply_and_a_bug_the_golden_suite_misses(tmp_path: Path) -> None:
    target = tmp_path / "corpus" / "dev" / "limits"
    shutil.copytree(CORPUS / "dev" / "ratelimit", target, ignore=shutil.ignore_patterns("__pycache__"))
    manifest = tomllib.loads((target / "target.toml").read_text())
    kept = [bug["id"] for bug in manifest["bugs"][:4]]
    for patch in (target / "bugs").glob("*.patch"):
        if patch.stem not in kept:
            patch.unlink()
    (target / "bugs" / "stale.patch").write_text(
        "--- a/ratelimit/limiters.py\n+++ b/ratelimit/limiters.py\n@@ -1,1 +1,1 @@\n-no such line\n+still none\n"
    )
    (target / "bugs" / "harmless.patch").write_text(
        "--- a/ratelimit/__init__.py\n+++ b/ratelimit/__init__.py\n@@ -1,3 +1,4 @@\n"
        " from .limiters import RateLimitExceeded, SlidingWindowLimiter, TokenBucket\n"
        "+# a comment changes nothing a test can see\n"
        " \n"
        ' __all__ = ["RateLimitExceeded", "SlidingWindowLimiter", "TokenBucket"]\n'
    )
    entries = [f'[[bugs]]\nid = "{bug_id}"\ndescription = "a bug"\n' for bug_id in [*kept, "stale", "harmless"]]
    (target / "target.toml").write_text('request = "add tests"\nshape = "library"\n\n' + "\n".join(entries))

    done = run_check("--corpus", str(tmp_path / "corpus"))

    assert done.returncode == 1
    assert "limits/stale: the patch does not apply" in done.stderr
    assert "limits/harmless: the golden suite still passes with the bug" in done.stderr
    assert "2 problem(s)" in done.stdout


def test_a_manifest_with_too_few_bugs_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "corpus" / "holdout" / "tiny"
    (target / "app" / "tests").mkdir(parents=True)
    (target / "bugs").mkdir()
    (target / "bugs" / "one.patch").write_text("")
    (target / "target.toml").write_text(
        'request = "add tests"\nshape = "x"\n\n[[bugs]]\nid = "one"\ndescription = "d"\n'
    )

    done = run_check("--corpus", str(tmp_path / "corpus"), "--split", "holdout", "--quick")

    assert done.returncode == 1
    assert "tiny: 1 bugs (want 6-10)" in done.stderr


def test_a_target_name_the_split_does_not_hold_is_an_error_not_a_pass() -> None:
    done = run_check("--quick", "--target", "no-such-target")
    assert done.returncode == 2
    assert "no target" in done.stderr
    assert "checked" not in done.stdout
