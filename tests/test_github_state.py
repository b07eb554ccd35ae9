"""The job's state machine and policy, directly: which step follows which record, and what may be done."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from agent.github import policy
from agent.github.api import GitHubApiError, PullInfo
from agent.github.events import Trigger, parse_event
from agent.github.repo_config import RepoConfig
from agent.github.state import JobState, Step, forget_commit, next_step, state_from_dict, state_to_dict

from fake_github import load_payload

PULL = PullInfo(number=7, head_ref="feature/bulk", head_sha="a" * 40, head_repo="octo-org/shop", base_ref="main",
                html_url="https://github.example/octo-org/shop/pull/7")
STARTED = JobState(tracking_comment_id=1)
COMMITTED = replace(STARTED, outcome_md="## Test surface", branch="assay/12-x", commit="c" * 40)


def trigger(**changes: object) -> Trigger:
    found = parse_event("issue_comment", load_payload("issue_comment.created.pull_request.json"))
    assert isinstance(found, Trigger)
    return replace(found, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(("state", "have_commit", "step"), [
    (JobState(), False, Step.START),
    (STARTED, False, Step.RUN),
    (COMMITTED, True, Step.PUSH),
    (COMMITTED, False, Step.RECOVER_PUSH),  # resumed: the clone with the commit died with the last process
    (replace(COMMITTED, pushed=True), False, Step.OPEN_PULL),
    (replace(COMMITTED, pushed=True, onto_pr=True), False, Step.REPORT_ONTO_PR),
    (replace(COMMITTED, as_patch=True, patch="From c…"), False, Step.REPORT_PATCH),  # a fork: never pushed
    (replace(COMMITTED, as_patch=True, patch="From c…"), True, Step.REPORT_PATCH),
    (replace(COMMITTED, pushed=True, done=True, exit_code=0), False, Step.DONE),
    (replace(STARTED, done=True, exit_code=1), False, Step.DONE),  # unverified: ends after RUN
    (JobState(done=True, exit_code=0), False, Step.DONE),  # refused or answered elsewhere: ends at START
])
def test_each_record_leads_to_one_next_step(state: JobState, have_commit: bool, step: Step) -> None:
    assert next_step(state, have_commit=have_commit) is step


def test_a_lost_unpushed_commit_sends_the_job_back_to_run() -> None:
    state = replace(COMMITTED, notes=["kept"])
    forget_commit(state)
    assert next_step(state, have_commit=False) is Step.RUN
    assert state.tracking_comment_id == 1 and state.notes == ["kept"]  # the tracking comment is reused


def test_the_record_round_trips_through_json_with_the_pinned_pull() -> None:
    state = replace(COMMITTED, pull=PULL, notes=["a note"], protected=["main"])
    again = state_from_dict(json.loads(json.dumps(state_to_dict(state))))
    assert again == state and isinstance(again.pull, PullInfo)
    assert state_from_dict({"tracking_comment_id": 3, "from_a_newer_version": 1}) == JobState(tracking_comment_id=3)


def test_fork_pulls_are_forks_and_same_repo_pulls_are_not() -> None:
    t = trigger()
    assert not policy.is_fork(t, PULL) and not policy.is_fork(t, None)
    assert policy.is_fork(t, replace(PULL, head_repo="mallory/shop"))
    assert policy.is_fork(t, replace(PULL, head_repo=None))  # a deleted fork
    assert policy.install_refusal(t, replace(PULL, head_repo="mallory/shop")) is not None
    assert policy.install_refusal(t, PULL) is None


@pytest.mark.parametrize(("pull", "config", "error", "refusal"), [
    (None, RepoConfig(allow_push_to_pr=True), None, "this is an issue"),
    (replace(PULL, head_repo="mallory/shop"), RepoConfig(allow_push_to_pr=True), None, "another repository"),
    (replace(PULL, head_ref="main"), RepoConfig(allow_push_to_pr=True), None, "which assay never pushes to"),
    (PULL, RepoConfig(), "bad yaml", "settings are invalid (bad yaml)"),
    (PULL, RepoConfig(), None, "does not allow it"),
    (PULL, RepoConfig(allow_push_to_pr=True), None, None),
])
def test_push_to_pr_is_allowed_only_for_a_same_repo_branch_the_base_config_allows(
        pull: PullInfo | None, config: RepoConfig, error: str | None, refusal: str | None) -> None:
    found = policy.push_to_pr_refusal(trigger(), pull, config, error)
    assert found is None if refusal is None else (found is not None and refusal in found)


@pytest.mark.parametrize(("status", "message", "keep"), [
    (None, "no answer from GitHub", True), (502, "HTTP 502", True),
    (422, "HTTP 422: Validation Failed (A pull request already exists for octo-org:assay/12-x.)", True),
    (403, "HTTP 403: Resource not accessible", False), (422, "HTTP 422: No commits between", False),
])
def test_a_branch_is_kept_whenever_the_pull_request_may_exist(status: int | None, message: str, keep: bool) -> None:
    assert (policy.keep_branch_reason(GitHubApiError(message, status)) is not None) is keep


def test_only_write_access_triggers() -> None:
    assert [p for p in ("admin", "maintain", "write", "triage", "read", "none") if policy.may_trigger(p)] == [
        "admin", "maintain", "write"]
