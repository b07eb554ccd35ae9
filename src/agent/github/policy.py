"""What a job may do, decided from the trigger, the pull request and the base branch's settings.

Pure decisions, no I/O: who may start a run, whose code may be pushed where, whether dependencies may be
installed, and when a pushed branch may be deleted again. Each answers with the reason a person reads
in the tracking comment (or None when it is allowed).
"""

from __future__ import annotations

from agent.github.api import WRITE_PERMISSIONS, GitHubApiError, PullInfo
from agent.github.events import Trigger
from agent.github.repo_config import REPO_CONFIG_PATH, RepoConfig, RepoConfigError, parse_repo_config


def may_trigger(permission: str) -> bool:
    """Only admin, maintain and write (the collaborator permission the API reports) start a run."""
    return permission in WRITE_PERMISSIONS


def is_fork(trigger: Trigger, pull: PullInfo | None) -> bool:
    """The PR's head lives in another repository (or a deleted fork): its commits never enter this one."""
    return pull is not None and pull.head_repo != trigger.repo


def repo_config(text: str | None) -> tuple[RepoConfig, str | None]:
    """`.github/assay.yml` as read from the base branch: the config, or the defaults and why it was invalid."""
    try:
        return parse_repo_config(text), None
    except RepoConfigError as exc:
        return RepoConfig(), str(exc)


def push_to_pr_refusal(trigger: Trigger, pull: PullInfo | None, config: RepoConfig,
                       config_error: str | None) -> str | None:
    """Why the commit may not go onto the PR's own branch, or None when it may."""
    if pull is None:
        return "this is an issue, not a pull request"
    if is_fork(trigger, pull):
        return (f"this pull request's branch is in another repository ({pull.head_repo or 'a deleted fork'}) "
                f"and assay only pushes to branches of {trigger.repo}")
    if pull.head_ref in (trigger.default_branch, pull.base_ref):
        return f"this pull request's branch is `{pull.head_ref}`, which assay never pushes to"
    if config_error is not None:
        return f"the repository's settings are invalid ({config_error})"
    if not config.allow_push_to_pr:
        return (f"this repository does not allow it (a maintainer can set `allow_push_to_pr: true` in "
                f"`{REPO_CONFIG_PATH}` on `{pull.base_ref}`)")
    return None


def install_refusal(trigger: Trigger, pull: PullInfo | None) -> str | None:
    """Why the clone's dependencies may not be installed (when `ASSAY_INSTALL_DEPS` asks), or None."""
    if is_fork(trigger, pull):
        return ("The repository's dependencies were not installed: this pull request's code comes from another "
                "repository, and installing runs its setup scripts outside the sandbox.")
    return None


def keep_branch_reason(refused: GitHubApiError) -> str | None:
    """Why a branch must stay after GitHub did not confirm the pull request: it may have been opened anyway."""
    if refused.status is None or refused.status >= 500 or "already exists" in str(refused):
        return "since GitHub may have opened the pull request anyway; delete it if no pull request uses it"
    return None
