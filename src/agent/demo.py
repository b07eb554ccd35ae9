"""Placeholder (replaced by the offline branch): the demo repo."""

from __future__ import annotations

from pathlib import Path

from agent.errors import UsageError

DEMO_REQUEST = "add tests for the order endpoint; it sometimes accepts negative quantities"


def prepare_demo_repo(dest: Path | None = None) -> Path:
    raise UsageError("the demo example is not available in this build")
