"""What a job has done, where that is kept, and which step comes next: the job's state machine.

A job is a sequence of side effects (a tracking comment, a commit, a push, a pull request). Each is
recorded in `JobState` as soon as it happens, so a job interrupted by a crash resumes from the record
without doing one twice. `next_step` reads the record and names the step to run; the steps themselves
live in `core.Job`.

    START ──> RUN ──> PUSH ──> OPEN_PULL ──> DONE
                 │       └───> REPORT_ONTO_PR ──> DONE       (--push-to-pr)
                 └───> REPORT_PATCH ──> DONE                 (a fork's PR: nothing is pushed)
    (resumed after RUN, its clone gone)  RECOVER_PUSH ──> OPEN_PULL/REPORT_ONTO_PR, or RUN again
    START and RUN may also end the job (refused, unverified, answered elsewhere): DONE.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from agent.github.api import PullInfo

# Delivery failures (clone or push refused, GitHub API error) share the stable "model/API failure" code 3.
EXIT_OK, EXIT_UNVERIFIED, EXIT_DELIVERY = 0, 1, 3


@dataclass
class JobState:
    """What a job has already done; saved after every side effect so a resumed job skips it."""

    tracking_comment_id: int | None = None
    branch: str | None = None
    outcome_md: str | None = None
    run_id: str | None = None
    commit: str | None = None
    pushed: bool = False
    pull_number: int | None = None
    pull_url: str | None = None
    target: str | None = None
    """The branch the pull request goes into."""
    protected: list[str] = field(default_factory=list)
    """Branches never pushed to: the default branch, the PR's base, and its head unless `onto_pr`."""
    onto_pr: bool = False
    """The commit goes onto the PR's own branch (`branch`); no pull request is opened."""
    pull: PullInfo | None = None
    """The pull request commented on, read once when the job starts: `pull.head_sha` is the pinned commit the
    run tests, whatever is pushed to the PR afterwards."""
    as_patch: bool = False
    """The PR comes from a fork: nothing is pushed; the tests are delivered as a patch in the tracking comment."""
    patch: str | None = None
    """The test commit as `git format-patch` output (fork PRs only)."""
    branch_deleted: bool = False
    """The pushed branch was deleted again after GitHub refused the pull request."""
    notes: list[str] = field(default_factory=list)
    """What the job did differently from what was asked, and why (shown in the tracking comment and the PR)."""
    done: bool = False
    exit_code: int | None = None


class Step(StrEnum):
    """The steps of a job, in the order `next_step` hands them out."""

    START = "start"
    """Check who asked, claim the comment, post the tracking comment."""
    RUN = "run"
    """Clone, run the session, commit the kept tests."""
    RECOVER_PUSH = "recover-push"
    """Resumed after a commit whose clone died with the previous process: was it pushed before the crash?"""
    PUSH = "push"
    OPEN_PULL = "open-pull"
    REPORT_ONTO_PR = "report-onto-pr"
    REPORT_PATCH = "report-patch"
    DONE = "done"


def next_step(state: JobState, *, have_commit: bool) -> Step:
    """The step to run given what `state` records; `have_commit`: this process still holds the commit's clone."""
    if state.done:
        return Step.DONE
    if state.tracking_comment_id is None:
        return Step.START
    if not state.outcome_md:
        return Step.RUN
    if state.as_patch:
        return Step.REPORT_PATCH
    if not state.pushed:
        return Step.PUSH if have_commit else Step.RECOVER_PUSH
    return Step.REPORT_ONTO_PR if state.onto_pr else Step.OPEN_PULL


def forget_commit(state: JobState) -> None:
    """The commit died unpushed with its clone: run again (RECOVER_PUSH -> RUN)."""
    state.outcome_md = state.branch = state.commit = state.patch = None


class Checkpoints(Protocol):
    """Where a job's `JobState` lives: memory for an Action run, the queue's database for the server."""

    def load(self) -> JobState: ...

    def save(self, state: JobState) -> None: ...


@dataclass
class MemoryCheckpoints:
    """Checkpoints for a one-shot run (the Action): nothing to resume from."""

    state: JobState = field(default_factory=JobState)

    def load(self) -> JobState:
        return self.state

    def save(self, state: JobState) -> None:
        self.state = state


def state_from_dict(data: dict[str, Any]) -> JobState:
    known = JobState.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in known}
    if isinstance(values.get("pull"), dict):
        values["pull"] = PullInfo(**values["pull"])
    return JobState(**values)


def state_to_dict(state: JobState) -> dict[str, Any]:
    return asdict(state)
