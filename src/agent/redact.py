"""Secrets out of every artefact: transcripts, logs, outcomes, comments.

Known values (from secret-looking environment variables and values registered at run time,
such as a GitHub token) are replaced wherever they appear; common credential shapes are
replaced by pattern even when the value was never seen before.
"""

from __future__ import annotations

import os
import re
from typing import Any

from agent.sandbox import is_secret_name

MASK = "[REDACTED]"
MIN_VALUE_LENGTH = 8
"""Shorter values are not redacted by value: replacing `true` or `1234` everywhere would shred the text."""

_PATTERNS = re.compile(
    "|".join([
        r"sk-ant-[A-Za-z0-9_\-]{8,}",                       # Anthropic keys
        r"\bgh[pousr]_[A-Za-z0-9]{20,}",                     # GitHub tokens
        r"\bgithub_pat_[A-Za-z0-9_]{20,}",
        r"\bAKIA[0-9A-Z]{16}\b",                             # AWS access key ids
        r"\bxox[abpr]-[A-Za-z0-9-]{10,}",                    # Slack
        r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----",
        r"(?<=[Bb]earer )[A-Za-z0-9\-._~+/]{16,}=*",        # Authorization: Bearer <token>
        r"(?<=[Pp]assword=)[^\s&\"']+",
        r"(?<=[Pp]asswd=)[^\s&\"']+",
    ])
)


class Redactor:
    """Replaces known secret values and credential-shaped strings with `[REDACTED]`."""

    def __init__(self, values: list[str] | None = None, *, from_environment: bool = True) -> None:
        found = [v for k, v in os.environ.items() if is_secret_name(k)] if from_environment else []
        self.values: list[str] = []
        for value in [*found, *(values or [])]:
            self.add(value)

    def add(self, value: str) -> None:
        """Register a secret value (e.g. a token read from config) to redact wherever it appears."""
        if len(value) >= MIN_VALUE_LENGTH and value not in self.values:
            self.values.append(value)
            self.values.sort(key=len, reverse=True)  # longest first: a value containing another goes whole

    def redact(self, text: str) -> str:
        """`text` with every known value and credential pattern masked."""
        for value in self.values:
            text = text.replace(value, MASK)
        return _PATTERNS.sub(MASK, text)

    def redact_obj(self, obj: Any) -> Any:
        """A copy of a JSON-like structure with every string redacted (keys included)."""
        if isinstance(obj, str):
            return self.redact(obj)
        if isinstance(obj, dict):
            return {self.redact(str(k)): self.redact_obj(v) for k, v in obj.items()}
        if isinstance(obj, list | tuple):
            return [self.redact_obj(v) for v in obj]
        return obj


def default_redactor() -> Redactor:
    """A redactor that knows this process's secret-looking environment values."""
    return Redactor()
