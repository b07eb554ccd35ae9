"""Placeholder redactor (replaced by the sandbox branch)."""

from __future__ import annotations

import os
import re
from typing import Any

from agent.sandbox import is_secret_name

_PATTERNS = re.compile(r"(sk-ant-[A-Za-z0-9_\-]{8,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})")


class Redactor:
    def __init__(self, values: list[str] | None = None) -> None:
        env = [v for k, v in os.environ.items() if is_secret_name(k) and len(v) >= 8]
        self.values = sorted({*env, *(values or [])}, key=len, reverse=True)

    def add(self, value: str) -> None:
        if len(value) >= 4:
            self.values = sorted({*self.values, value}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for value in self.values:
            text = text.replace(value, "[REDACTED]")
        return _PATTERNS.sub("[REDACTED]", text)

    def redact_obj(self, obj: Any) -> Any:
        if isinstance(obj, str):
            return self.redact(obj)
        if isinstance(obj, dict):
            return {k: self.redact_obj(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [self.redact_obj(v) for v in obj]
        return obj


def default_redactor() -> Redactor:
    return Redactor()
