"""The record of a run under `.assay/runs/<run-id>/`: a transcript appended as events happen, then the outcome.

Every line is redacted before it is written and flushed at once, so Ctrl-C or a crash
leaves the transcript complete up to that moment.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path
from typing import Any

from agent import safefs
from agent.errors import UsageError
from agent.gitops import exclude_path
from agent.outcome import TestingOutcome, render_markdown
from agent.redact import Redactor

RUNS_DIR = ".assay/runs"


def new_run_id() -> str:
    """Sortable and unique: UTC time plus a random suffix."""
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


class RunRecord:
    """Append-only transcript plus the final outcome files of one run."""

    def __init__(self, repo: Path, redactor: Redactor, run_id: str | None = None) -> None:
        self.run_id = run_id or new_run_id()
        self.repo = repo
        self.rel = f"{RUNS_DIR}/{self.run_id}"
        try:  # `.assay` is ours, never a link that repo content planted: refuse rather than write through it
            self.dir = safefs.make_dirs_in(repo, self.rel)
            fd = os.open(self.dir / "transcript.jsonl",
                         os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot keep the run's record under {repo / RUNS_DIR}: {exc.strerror or exc} "
                             "(is .assay a symlink? remove it)") from None
        exclude_path(repo, ".assay/")
        self.redactor = redactor
        self._fh = os.fdopen(fd, "a", encoding="utf-8")

    def event(self, kind: str, **data: Any) -> None:
        """Append one event and flush it to disk."""
        line = {"t": round(time.time(), 3), "event": kind, **self.redactor.redact_obj(data)}
        self._fh.write(json.dumps(line, default=str) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def write_outcome(self, outcome: TestingOutcome) -> None:
        """Write `outcome.json` and `outcome.md` (redacted)."""
        data = self.redactor.redact_obj(outcome.model_dump(mode="json"))
        safefs.write_in(self.repo, f"{self.rel}/outcome.json", (json.dumps(data, indent=2) + "\n").encode())
        safefs.write_in(self.repo, f"{self.rel}/outcome.md", self.redactor.redact(render_markdown(outcome)).encode())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()
