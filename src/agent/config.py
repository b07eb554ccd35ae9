"""`[tool.assay]` in the target repo's `pyproject.toml`: the CLI defaults a repo wants, below the user's flags.

    [tool.assay]
    model = "claude-sonnet-4-5"
    max_turns = 30
    flake_reruns = 3
    mutants = false

Read with `tomllib`, validated by pydantic (an unknown key or a wrong type is one line naming the key, exit 2).
`allow_source_edits` is refused here: letting the model edit source is the user's call, made with the flag.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import UsageError

PYPROJECT = "pyproject.toml"
GUARDED = {"allow_source_edits": "only the --allow-source-edits flag can let the model edit source files"}
"""Keys a repo's own file may not set, and why."""


class RepoConfig(BaseModel):
    """CLI defaults from `[tool.assay]`; None means the key is absent (the built-in default applies)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    model: str | None = Field(None, min_length=1)
    """`offline` or a Claude model id (`--model`; `$ASSAY_MODEL` still wins over the file)."""
    max_turns: int | None = Field(None, ge=1)
    """Model turns before the run stops (`--max-turns`)."""
    max_output_tokens: int | None = Field(None, ge=1)
    """Output tokens over the whole run (`--max-output-tokens`)."""
    timeout: float | None = Field(None, gt=0)
    """Wall-clock budget of the agent loop in seconds (`--timeout`)."""
    flake_reruns: int | None = Field(None, ge=0)
    """Re-runs of each new test to catch flakes (`--flake-reruns`)."""
    mutants: bool | None = None
    """The mutation probe on or off (`--mutants` / `--no-mutants`)."""


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(table)"


def load_repo_config(repo: Path) -> RepoConfig:
    """`[tool.assay]` of `repo/pyproject.toml`, or an empty config when there is no file or no table."""
    path = repo / PYPROJECT
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return RepoConfig()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    tool = data.get("tool")
    table = tool.get("assay") if isinstance(tool, dict) else None
    if table is None:
        return RepoConfig()
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [tool.assay] must be a table, not {type(table).__name__}")
    for key, why in GUARDED.items():
        if key in table:
            raise UsageError(f"{path}: [tool.assay] {key} is not settable in pyproject.toml: {why}")
    try:
        return RepoConfig.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        extra = first["type"] == "extra_forbidden"
        reason = f"unknown key (known: {', '.join(RepoConfig.model_fields)})" if extra else first["msg"].lower()
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise UsageError(f"{path}: [tool.assay] {_where(first['loc'])}: {reason}{more}") from None
