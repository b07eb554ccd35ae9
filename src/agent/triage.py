"""Placeholder triage (replaced by the triage branch)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from agent.outcome import TriageFacts


@dataclass(frozen=True)
class Triage:
    facts: TriageFacts
    test_files: list[str]
    source_files: list[str]
    manifests: list[str]
    test_command: list[str] | None

    def to_prompt(self) -> str:
        return self.facts.model_dump_json(indent=1)


def list_repo_files(repo: Path) -> list[str]:
    out = subprocess.run(
        ["git", "-c", "core.fsmonitor=false", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=repo, capture_output=True, check=False,
    ).stdout.decode()
    return sorted(f for f in out.split("\0") if f and not f.startswith(".assay/"))


def triage(repo: Path) -> Triage:
    files = list_repo_files(repo)
    tests = [f for f in files if f.split("/")[-1].startswith("test_")]
    return Triage(TriageFacts(language="python"), tests, [f for f in files if f.endswith(".py")], [], None)
