"""What a repository allows assay to do and its run limits, from `.github/assay.yml` on its default or base branch.

The file is read from the branch a pull request goes into, never from the PR's head: a PR cannot
grant itself permissions. A missing file means the defaults; a malformed one is reported, not guessed at.
"""

from __future__ import annotations

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

REPO_CONFIG_PATH = ".github/assay.yml"


class RepoConfigError(ValueError):
    """`.github/assay.yml` is not valid; the message is one line."""


class RepoConfig(BaseModel):
    """Per-repository permissions; every field defaults to the cautious choice."""

    model_config = ConfigDict(extra="forbid")

    allow_push_to_pr: bool = False
    """`/assay --push-to-pr …` on a PR may commit onto the PR's branch (same repository only, never forced)."""
    max_turns: int = Field(40, ge=1, le=200)
    """Model turns a run may take before it stops (and reports that it ran out)."""
    max_minutes: float = Field(30, gt=0, le=120)
    """Wall-clock minutes a run's agent loop may take."""


def parse_repo_config(text: str | None) -> RepoConfig:
    """The config in `text` (the file's content, None when absent); `RepoConfigError` when it is invalid."""
    if text is None:
        return RepoConfig()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RepoConfigError(f"{REPO_CONFIG_PATH} is not YAML: {str(exc).splitlines()[0]}") from None
    if data is None:
        return RepoConfig()
    if not isinstance(data, dict):
        raise RepoConfigError(f"{REPO_CONFIG_PATH} must be a mapping of settings")
    try:
        return RepoConfig.model_validate(data, strict=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "(top level)"
        raise RepoConfigError(f"{REPO_CONFIG_PATH}: {where}: {error['msg']}") from None
