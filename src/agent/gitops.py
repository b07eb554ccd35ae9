"""Git as the runtime calls it: a repo's git config and attributes are an execution path, so they are disarmed.

Every git call the runtime makes (directly through `run_git` or through gitpython via `open_repo`)
carries configuration overrides in `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`
(git >= 2.31), which outrank every config file. Which keys to override is asked of git itself:
`git config --list -z --show-origin --no-includes` (reading config runs nothing), then every
`include.path` and `includeIf.<cond>.path` file is read the same way whatever its condition, so a
driver defined only in a file included for some other gitdir or branch is disarmed too. Every
command-valued key found (filter, textconv, external diff, merge driver, pager, alias, credential
helper, askpass, fsmonitor, gpg, tool commands) gets a harmless value; what git cannot switch off by
config is switched off by environment (`core.gitProxy`, `core.askPass`) or by flags after the
subcommand (`--no-ext-diff --no-textconv` on diffs, `--upload-pack`/`--receive-pack` on transfers).
The overrides are recomputed for every git process, so config the repo gains during a run is
disarmed as well.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import git

from agent import safefs

# Hooks are looked up as `<hooksPath>/<name>`; under /dev/null there can never be one.
_BASE_OVERRIDES = (
    ("core.hooksPath", "/dev/null"),
    ("core.fsmonitor", "false"),
    ("core.untrackedCache", "false"),
    ("core.pager", "cat"),
    ("core.editor", "true"),
    ("sequence.editor", "true"),
    ("core.sshCommand", "false"),
    ("core.askPass", ""),
    ("credential.helper", ""),  # an empty value empties the helper list
    ("protocol.ext.allow", "never"),
    ("submodule.recurse", "false"),
    ("log.showSignature", "false"),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("commit.gpgsign", "false"),
    ("tag.gpgsign", "false"),
    ("user.useConfigOnly", "false"),
)
# Environment that outranks config where an override cannot switch a command off (`core.gitProxy` is
# first-match-wins, so the repo's entry would beat ours; an empty GIT_PROXY_COMMAND skips them all).
_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_PROXY_COMMAND": "",
    "GIT_PAGER": "cat",
    "GIT_EDITOR": "true",
    "GIT_SEQUENCE_EDITOR": "true",
}
# Flags after the subcommand that disarm what config cannot: `remote.<name>.uploadpack` is first-match-wins.
_NO_DIFF_COMMANDS = ("--no-ext-diff", "--no-textconv")
_SUBCOMMAND_FLAGS = {"diff": _NO_DIFF_COMMANDS, "log": _NO_DIFF_COMMANDS, "show": _NO_DIFF_COMMANDS,
                     "whatchanged": _NO_DIFF_COMMANDS, "blame": ("--no-textconv",), "annotate": ("--no-textconv",),
                     "fetch": ("--upload-pack=git-upload-pack",), "pull": ("--upload-pack=git-upload-pack",),
                     "ls-remote": ("--upload-pack=git-upload-pack",), "clone": ("--upload-pack=git-upload-pack",),
                     "push": ("--receive-pack=git-receive-pack",)}
_TOOL_SECTIONS = {"difftool", "mergetool", "browser", "man", "guitool", "trailer"}
_MAX_INCLUDE_DEPTH = 10


def _harmless(key: str) -> str | None:
    """The value that disarms `key` (canonical `section[.sub].var` as git prints it), or None if it runs nothing."""
    section, _, rest = key.partition(".")
    sub, _, var = rest.rpartition(".")
    section, var = section.lower(), var.lower()
    if section == "filter" and sub and var in ("clean", "smudge", "process"):
        return ""  # an empty driver command is no filter at all
    if section == "diff":
        if var == "textconv" and sub:
            return "cat"  # textconv runs as `cmd FILE`: cat gives the plain text
        if (var == "command" and sub) or (var == "external" and not sub):
            return "true"  # git would try to run an empty command
    if section == "merge" and sub and var == "driver":
        return "false"  # the merge conflicts instead of running anything
    if section in ("pager", "alias"):
        return "false" if section == "pager" else ""
    if section == "credential" and var == "helper":
        return ""
    if section == "core" and not sub and var in ("fsmonitor", "alternaterefscommand"):
        return "false" if var == "fsmonitor" else "true"
    if section == "submodule" and sub and var == "update":
        return "none"
    if section == "gpg" and (var == "program" or var == "defaultkeycommand"):
        return "false"
    if section == "imap" and var == "tunnel":
        return ""
    if section in _TOOL_SECTIONS and var in ("cmd", "command", "path"):
        return "false"
    return None


def _list_config(args: Sequence[str], cwd: Path | None) -> Iterator[tuple[str, str, str]]:
    """(origin, key, value) for each entry `git config --list` prints; nothing when git cannot read it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | _ENV
    try:
        out = subprocess.run(["git", "config", "--list", "-z", "--show-origin", "--no-includes", *args],
                             cwd=cwd or "/", env=env, capture_output=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return
    fields = out.decode("utf-8", "replace").split("\0")
    for origin, entry in zip(fields[0::2], fields[1::2], strict=False):
        key, _, value = entry.partition("\n")
        yield origin, key, value


def _config_keys(repo: Path | None) -> set[str]:
    """Every key the repo's config could define, following every include whatever its condition."""
    keys: set[str] = set()
    pending: list[tuple[tuple[str, ...], Path | None]] = [((), repo)]
    seen: set[Path] = set()
    common = _common_dir(repo) if repo else None
    if common:
        pending += [(("--file", str(p)), repo) for p in [common / "config.worktree",
                                                          *common.glob("worktrees/*/config.worktree")] if p.is_file()]
    for _ in range(_MAX_INCLUDE_DEPTH):
        if not pending:
            break
        batch, pending = pending, []
        for args, cwd in batch:
            for origin, key, value in _list_config(args, cwd):
                keys.add(key)
                lowered = key.lower()
                if value and lowered.endswith(".path") and lowered.startswith(("include.", "includeif.")):
                    path = _include_target(origin, value, cwd)
                    if path and path not in seen and path.is_file():
                        seen.add(path)
                        pending.append((("--file", str(path)), cwd))
    return keys


def _common_dir(repo: Path) -> Path | None:
    dot_git = repo / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        out = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=repo, capture_output=True, timeout=30,
                             env={k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | _ENV,
                             check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = out.stdout.decode("utf-8", "replace").strip()
    return (repo / text).resolve() if out.returncode == 0 and text else None


def _include_target(origin: str, value: str, cwd: Path | None) -> Path | None:
    """The file an include directive names, resolved as git does: `~/` from HOME, relative to its own file."""
    if not origin.startswith("file:"):
        return None
    where = Path(origin[len("file:"):])
    if not where.is_absolute():
        where = (cwd or Path("/")) / where
    target = Path(os.path.expanduser(value))
    return (target if target.is_absolute() else where.parent / target).resolve()


def safe_env(repo: Path | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a git process: every command the config could name disarmed, no system config, no prompts."""
    overrides = list(_BASE_OVERRIDES)
    keys = _config_keys(repo)
    for key in sorted(keys):
        value = _harmless(key)
        if value is not None:
            overrides.append((key, value))
    for driver in sorted({k.partition(".")[2].rpartition(".")[0] for k in keys if k.lower().startswith("filter.")}):
        overrides.append((f"filter.{driver}.required", "false"))
    env = {k: v for k, v in (base if base is not None else os.environ).items() if not k.startswith("GIT_")}
    env.update(_ENV)
    env["GIT_CONFIG_COUNT"] = str(len(overrides))
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


def hardened_args(args: Sequence[str]) -> list[str]:
    """`args` (after `git`) with the disarming flags after the subcommand (`--no-ext-diff`, `--upload-pack=...`)."""
    args = list(args)
    index = 0
    while index < len(args) and args[index].startswith("-"):
        index += 2 if args[index] in ("-c", "-C") else 1
    if index < len(args) and args[index] in _SUBCOMMAND_FLAGS:
        args[index + 1:index + 1] = _SUBCOMMAND_FLAGS[args[index]]
    return args


def run_git(repo: Path, args: Sequence[str], *, check: bool = True, timeout: float = 60) -> str:
    """Run git in `repo` with the hardened environment; return stdout."""
    command = ["git", "--no-pager", *hardened_args(args)]
    result = subprocess.run(command, cwd=repo, env=safe_env(repo), capture_output=True, timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
    return result.stdout.decode("utf-8", "replace")


class _HardenedGit(git.Git):
    """gitpython's command wrapper with the hardened environment recomputed for every git process."""

    def execute(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(command, list | tuple) and command:
            command = [command[0], *hardened_args([str(a) for a in command[1:]])]
        if self._working_dir:
            self.update_environment(**safe_env(Path(self._working_dir)))
        return super().execute(command, *args, **kwargs)


class _HardenedRepo(git.Repo):
    GitCommandWrapperType = _HardenedGit


def open_repo(path: Path) -> git.Repo:
    """A gitpython `Repo` whose every git call carries the hardened environment and diff flags; `path` may be
    inside it."""
    repo = _HardenedRepo(path, search_parent_directories=True)
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
    if safefs.has_symlink_component(root, ".git/info/exclude"):
        return  # never write through a link
    current = exclude.read_text() if exclude.exists() else ""
    if pattern not in current.splitlines():
        text = current + ("" if current.endswith("\n") or not current else "\n") + pattern + "\n"
        safefs.write_in(root, ".git/info/exclude", text.encode())
