"""Settings read once from the environment and cached for the life of the process."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    region: str
    max_items: int
    debug: bool


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        region=os.environ.get("SVC_REGION", "eu-west-1"),
        max_items=int(os.environ.get("SVC_MAX_ITEMS", "50")),
        debug=os.environ.get("SVC_DEBUG", "0") == "1",
    )


def page_size(requested: int | None) -> int:
    """The page size to use: the request's, capped by the configured maximum."""
    limit = get_settings().max_items
    return limit if requested is None else max(1, min(requested, limit))
