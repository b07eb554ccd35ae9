"""Triage speed on a synthetic 10,000-file git repo (target: under 300 ms). Prints the figures."""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from agent.triage import triage

TARGET_MS = 300


def build(root: Path, files: int = 10_000) -> None:
    (root / "pyproject.toml").write_text('[project]\nname="big"\ndependencies=["fastapi","sqlalchemy","pyjwt"]\n')
    (root / ".gitignore").write_text("generated/\n")
    for i in range(files):
        folder = root / ("app" if i % 2 else "web") / f"m{i // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"mod{i}.py" if i % 2 else f"comp{i}.ts"
        (folder / name).write_text("from fastapi import APIRouter\nimport sqlalchemy\n\nx = 1\n" if i % 2 else
                                   "import { x } from './y'\nexport const a = 1\n")
    for i in range(2000):  # must be skipped
        nm = root / "node_modules" / f"p{i // 200}"
        nm.mkdir(parents=True, exist_ok=True)
        (nm / f"i{i}.js").write_text("module.exports = 1\n")
    (root / "generated").mkdir()
    (root / "generated" / "g.py").write_text("x = 1\n")
    git = ["git", "-c", "user.name=b", "-c", "user.email=b@b.invalid", "-c", "core.hooksPath=/dev/null"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "big"], cwd=root, check=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root)
        timings = []
        for _ in range(7):
            start = time.perf_counter()
            result = triage(root)
            timings.append((time.perf_counter() - start) * 1000)
        median = statistics.median(timings)
        print(f"triage on a 10,000-file repo: median {median:.0f} ms (min {min(timings):.0f}, max "
              f"{max(timings):.0f}); target < {TARGET_MS} ms -> {'OK' if median < TARGET_MS else 'MISSED'}")
        print(f"facts: {result.facts.model_dump(exclude_none=True)}")


if __name__ == "__main__":
    main()
