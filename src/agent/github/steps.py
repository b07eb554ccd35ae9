"""The git steps of a job: clone what is to be tested, push the commit, and check or undo a push.

Each step takes what it needs (the trigger, the pinned pull request, the state's branch and commit) and
raises `DeliveryError` with the line the tracking comment shows when git refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from agent.errors import AssayError
from agent.github.api import PullInfo
from agent.github.checkout import Checkout, GitDeliveryError, delete_remote_branch, remote_sha
from agent.github.events import Trigger
from agent.github.state import EXIT_DELIVERY, JobState
from agent.redact import Redactor


class DeliveryError(AssayError):
    """Git or GitHub refused part of the delivery; the tracking comment says which."""

    exit_code = EXIT_DELIVERY


@dataclass(frozen=True)
class Remote:
    """The repository a job answers in, as git reaches it."""

    url: str
    token: str | None
    redactor: Redactor


@dataclass(frozen=True)
class Cloned:
    checkout: Checkout
    head: str
    """The commit the tests are written on: the default branch, or the PR's pinned head."""
    base_ref: str
    """Where the skill and `.github/assay.yml` are read from: the default branch or the PR's base."""


def clone(remote: Remote, trigger: Trigger, pull: PullInfo | None, dest: Path) -> Cloned:
    """Clone the default branch (an issue) or the PR's base with its pinned head fetched (a pull request)."""
    if pull is None:
        checkout = Checkout.clone(remote.url, dest, remote.token, remote.redactor, branch=trigger.default_branch)
        base = f"refs/remotes/origin/{trigger.default_branch}"
        return Cloned(checkout, base, base)
    checkout = Checkout.clone(remote.url, dest, remote.token, remote.redactor, branch=pull.base_ref)
    # refs/pull/N/head exists in the base repo for same-repo and fork PRs alike; the pinned commit is what runs.
    head = checkout.fetch_commit(f"refs/pull/{pull.number}/head", pull.head_sha,
                                 f"refs/remotes/origin/pr-{pull.number}")
    return Cloned(checkout, head, f"refs/remotes/origin/{pull.base_ref}")


def check_pr_branch_unmoved(checkout: Checkout, branch: str, pinned: str) -> None:
    """`--push-to-pr` commits onto the pinned head: refuse early when the PR's branch moved past it."""
    # The branch tip itself, not refs/pull/N/head, which GitHub updates a moment later.
    tip = checkout.fetch(f"refs/heads/{branch}", f"refs/remotes/origin/{branch}")
    if tip != pinned:
        raise DeliveryError(f"the branch {branch} moved since the comment (from {pinned[:12]} to {tip[:12]}); ask "
                            "again to test the new commits")


def push(checkout: Checkout, state: JobState, default_branch: str) -> None:
    """Push the commit: a new `assay/*` branch, or (`onto_pr`) a fast-forward of the PR's branch. Never forced."""
    assert state.branch
    protected = {default_branch, *state.protected}
    if state.onto_pr:
        try:
            checkout.push_onto(state.branch, protected)
        except GitDeliveryError as exc:
            raise DeliveryError(f"push onto {state.branch} rejected: {exc}") from None
        return
    if state.branch in checkout.remote_branches():
        raise DeliveryError(f"push rejected: branch {state.branch} appeared on the remote meanwhile")
    try:
        checkout.push(state.branch, protected)
    except GitDeliveryError as exc:
        raise DeliveryError(f"push rejected: {exc}") from None


def was_pushed(remote: Remote, state: JobState) -> bool:
    """Whether the remote's branch holds the state's commit (a push made just before a crash)."""
    if not (state.branch and state.commit):
        return False
    return remote_sha(remote.url, state.branch, remote.token, remote.redactor) == state.commit


def delete_branch(remote: Remote, state: JobState) -> str | None:
    """Delete the state's pushed branch while it still holds its commit; None, or why it could not be deleted."""
    assert state.branch and state.commit
    try:
        delete_remote_branch(remote.url, state.branch, state.commit, remote.token, remote.redactor)
    except GitDeliveryError as exc:
        return str(exc)
    return None
