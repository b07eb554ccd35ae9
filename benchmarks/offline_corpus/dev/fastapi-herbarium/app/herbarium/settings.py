"""Settings read from the environment when the app starts.

HERBARIUM_TOKENS   comma-separated ``token=user`` pairs, e.g. ``t-1=alice, t-2=bob``
HERBARIUM_ADMINS   comma-separated user names with the curator (admin) role
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    tokens: dict[str, str]
    admins: frozenset[str]


def parse_tokens(raw: str) -> dict[str, str]:
    tokens: dict[str, str] = {}
    for pair in raw.split(","):
        pair = pair.strip()
        if not pair:
            continue
        token, sep, user = pair.partition("=")
        if not sep or not token.strip() or not user.strip():
            raise ValueError(f"bad HERBARIUM_TOKENS entry: {pair!r}")
        tokens[token.strip()] = user.strip()
    return tokens


def load_settings() -> Settings:
    tokens = parse_tokens(os.environ.get("HERBARIUM_TOKENS", ""))
    admins = frozenset(name.strip() for name in os.environ.get("HERBARIUM_ADMINS", "").split(",") if name.strip())
    return Settings(tokens=tokens, admins=admins)
