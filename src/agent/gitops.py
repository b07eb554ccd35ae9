"""Git as the runtime calls it: a user's `.git/config` and hooks are an execution path, so they are disarmed.

Every git call the runtime makes (directly or through gitpython) gets its configuration
overrides from `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` (git >= 2.31): hooks
point at an empty directory, fsmonitor is off, filter drivers the repo declares are emptied,
the system config is ignored. `diff.external` cannot be emptied by config (git would run ""), so
`run_git` adds `--no-ext-diff --no-textconv` to every diff it runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import git

_EMPTY_HOOKS = Path(tempfile.gettempdir()) / "assay-no-hooks"
_BASE_OVERRIDES = (
    ("core.fsmonitor", "false"),
    ("core.untrackedCache", "false"),
    ("core.pager", "cat"),
    ("core.editor", "true"),
    ("core.sshCommand", "false"),
    ("protocol.ext.allow", "never"),
    ("commit.gpgsign", "false"),
    ("tag.gpgsign", "false"),
    ("user.useConfigOnly", "false"),
)


def _declared_filters(repo: Path) -> list[str]:
    """Names of filter drivers in the repo's own config (read as text: running git to ask would be the risk)."""
    config = repo / ".git" / "config"
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return sorted(set(re.findall(r'^\s*\[\s*filter\s+"([^"]+)"\s*\]', text, re.M)))


def safe_env(repo: Path | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a git process: hardened config overrides, no system config, no prompts."""
    _EMPTY_HOOKS.mkdir(exist_ok=True)
    overrides = [("core.hooksPath", str(_EMPTY_HOOKS)), *_BASE_OVERRIDES]
    for name in _declared_filters(repo) if repo else []:
        overrides += [(f"filter.{name}.clean", ""), (f"filter.{name}.smudge", ""), (f"filter.{name}.process", ""),
                      (f"filter.{name}.required", "false")]
    env = dict(base if base is not None else {k: v for k, v in os.environ.items() if not k.startswith("GIT_")})
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_COUNT": str(len(overrides))})
    for index, (key, value) in enumerate(overrides):
        env[f"GIT_CONFIG_KEY_{index}"] = key
        env[f"GIT_CONFIG_VALUE_{index}"] = value
    return env


def git_root(path: Path) -> Path | None:
    """The checkout holding `path`: the nearest folder at or above it with a `.git` (a folder, or a worktree's
    file); None outside any checkout. Read off the filesystem, so no git process runs on an unknown repo."""
    path = path.resolve()
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None


def run_git(repo: Path, args: Sequence[str], *, check: bool = True, timeout: float = 60) -> str:
    """Run git in `repo` with the hardened environment; return stdout."""
    args = list(args)
    if args and args[0] in ("diff", "log", "show"):
        args[1:1] = ["--no-ext-diff", "--no-textconv"]
    result = subprocess.run(["git", *args], cwd=repo, env=safe_env(repo), capture_output=True, timeout=timeout,
                            check=False)
    if check and result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, ["git", *args], result.stdout, result.stderr)
    return result.stdout.decode("utf-8", "replace")


def open_repo(path: Path) -> git.Repo:
    """A gitpython `Repo` whose every git call carries the hardened environment; `path` may be inside it."""
    repo = git.Repo(path, search_parent_directories=True)
    repo.git.update_environment(**safe_env(Path(repo.working_dir)))
    return repo


def exclude_path(repo: Path, pattern: str) -> None:
    """Add `pattern` to the checkout's `.git/info/exclude` once (never to the user's .gitignore); `repo` may be a
    folder inside the checkout, and a pattern without a leading slash matches at any depth."""
    root = git_root(repo)
    if root is None:
        return
    git_dir = root / ".git"
    if not git_dir.is_dir():
        return
    exclude = git_dir / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    current = exclude.read_text() if exclude.exists() else ""
    if pattern not in current.splitlines():
        with exclude.open("a") as fh:
            fh.write(("" if current.endswith("\n") or not current else "\n") + pattern + "\n")
