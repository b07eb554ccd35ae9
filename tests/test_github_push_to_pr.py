"""`/assay --push-to-pr …`: the commit goes onto the PR's own branch only when the base branch's config allows it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.github.action import handle_event
from agent.github.core import ModelFactory
from agent.testing import ScriptedModel
from test_github_job import open_pr, scripted, settings

from conftest import git
from fake_github import FakeGitHub, load_payload, remote_branches

ALLOW = {".github/assay.yml": "# what assay may do here\nallow_push_to_pr: true\n"}
REQUEST = "/assay --push-to-pr add tests for the bulk discount"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    yield server
    server.stop()


def handle(tmp_path: Path, fake: FakeGitHub, url: str, body: str, model: ScriptedModel | ModelFactory) -> int:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(load_payload("issue_comment.created.pull_request.json", body=body)))
    factory = model if callable(model) and not isinstance(model, ScriptedModel) else (lambda: model)
    return handle_event("issue_comment", path, env={"GITHUB_REPOSITORY": "octo-org/shop"},
                        settings=settings(fake, url), model_factory=factory)


def tracking(fake: FakeGitHub) -> str:
    (comment,) = fake.comments.values()
    return str(comment["body"])


def test_allowed_push_commits_onto_the_pr_branch_and_opens_no_pull_request(tmp_path: Path,
                                                                          fake: FakeGitHub) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, ALLOW)

    assert handle(tmp_path, fake, url, REQUEST, scripted()) == 0

    branches = remote_branches(bare)
    assert set(branches) == {"main", "feature/bulk"}  # no assay/* branch
    tip = branches["feature/bulk"]
    assert git(bare, "rev-parse", f"{tip}^").strip() == head_sha  # one commit on top: a fast-forward
    assert git(bare, "diff", "--name-only", head_sha, tip).split() == ["tests/test_pricing.py"]
    assert "Requested-by: @alice in #7" in git(bare, "log", "-1", "--format=%B", tip)
    assert fake.created_pulls == [] and not fake.calls_to("POST", r".*/pulls")
    body = tracking(fake)
    assert f"pushed the tests onto this pull request's branch `feature/bulk` (commit {tip[:12]})" in body
    assert "## Test surface" in body and "--push-to-pr" not in body.split("\n\n")[1]  # the flag is not the request
    assert [c.body["content"] for c in fake.calls_to("POST", r".*/reactions")] == ["eyes", "rocket"]


def test_not_allowed_falls_back_to_a_new_pull_request_and_says_why(tmp_path: Path, fake: FakeGitHub) -> None:
    # The PR's head grants itself the permission; only the base branch's config counts.
    bare, url, head_sha = open_pr(tmp_path, fake, {}, head_files=ALLOW)

    assert handle(tmp_path, fake, url, REQUEST, scripted()) == 0

    branches = remote_branches(bare)
    assert branches["feature/bulk"] == head_sha
    (pull,) = fake.created_pulls
    assert pull["head"]["ref"] == "assay/7-add-tests-for-the-bulk-discount" and pull["base"]["ref"] == "feature/bulk"
    body = tracking(fake)
    assert "opened #100" in body and "this repository does not allow it" in body
    assert "`allow_push_to_pr: true` in `.github/assay.yml` on `main`" in body
    assert "does not allow it" in pull["body"]


def test_fork_pr_is_never_pushed_to_even_when_allowed(tmp_path: Path, fake: FakeGitHub) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, ALLOW, head_repo="mallory/shop")

    assert handle(tmp_path, fake, url, REQUEST, scripted()) == 0

    assert remote_branches(bare) == {"main": remote_branches(bare)["main"], "feature/bulk": head_sha}
    assert fake.created_pulls == []  # a fork's tests come as a patch (tests/test_github_fork.py)
    assert "in another repository (mallory/shop)" in tracking(fake)


def test_invalid_repo_config_is_named_and_falls_back(tmp_path: Path, fake: FakeGitHub) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, {".github/assay.yml": "allow_push_to_pr: \"please\"\n"})

    assert handle(tmp_path, fake, url, REQUEST, scripted()) == 0

    assert remote_branches(bare)["feature/bulk"] == head_sha
    assert len(fake.created_pulls) == 1
    assert "settings are invalid (.github/assay.yml: allow_push_to_pr: Input should be a valid boolean)" in \
        tracking(fake)


@pytest.mark.parametrize("how", ["protected by a hook", "moved during the run"])
def test_rejected_push_onto_the_pr_branch_exits_3_and_changes_nothing(tmp_path: Path, fake: FakeGitHub,
                                                                      how: str) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, ALLOW)
    if how == "protected by a hook":
        hook = bare / "hooks" / "pre-receive"
        hook.write_text("#!/bin/sh\necho 'error: GH006: Protected branch update failed for feature/bulk' >&2\n"
                        "exit 1\n")
        hook.chmod(0o755)
    model = scripted()
    moved: list[str] = []

    def factory() -> ScriptedModel:
        # Called after the clone, before the push: someone adds a commit to the PR's branch meanwhile.
        if how == "moved during the run":
            other = tmp_path / "feature"
            (other / "shop" / "bulk.py").write_text("def bulk(n: int) -> int:\n    return 2 * n\n")
            git(other, "commit", "-q", "-am", "double it")
            git(other, "push", "-q", "origin", "feature/bulk")
            moved.append(git(other, "rev-parse", "HEAD").strip())
        return model

    code = handle(tmp_path, fake, url, REQUEST, factory)

    assert code == 3
    assert remote_branches(bare) == {"main": remote_branches(bare)["main"], "feature/bulk": (moved or [head_sha])[0]}
    assert fake.created_pulls == []
    body = tracking(fake)
    assert "could not finish: push onto feature/bulk rejected" in body and "Nothing was pushed." in body
    reason = "Protected branch update failed" if how == "protected by a hook" else "fetch first"
    assert reason in body
    assert fake.calls_to("POST", r".*/reactions")[-1].body["content"] == "confused"


def install_events(runs: Path) -> list[dict[str, object]]:
    """The `install` events in the transcripts of every run copied to `runs`."""
    events = [json.loads(line) for path in runs.glob("*/transcript.jsonl") for line in path.read_text().splitlines()]
    return [e for e in events if e["event"] == "install"]


@pytest.mark.parametrize(("head_repo", "installed"), [("octo-org/shop", True), ("mallory/shop", False)])
def test_dependencies_are_installed_only_from_this_repositorys_code(tmp_path: Path, fake: FakeGitHub,
                                                                    head_repo: str, installed: bool) -> None:
    # A comment-only requirements file: pip runs (and needs no network) without installing anything.
    _, url, _ = open_pr(tmp_path, fake, {"requirements.txt": "# nothing to install\n"}, head_repo=head_repo)
    runs = tmp_path / "runs"
    path = tmp_path / "event.json"
    path.write_text(json.dumps(load_payload("issue_comment.created.pull_request.json",
                                            body="/assay add tests for the bulk discount")))
    code = handle_event("issue_comment", path, env={"GITHUB_REPOSITORY": "octo-org/shop"},
                        settings=settings(fake, url, install_deps=True, runs_dir=runs),
                        model_factory=lambda: scripted())

    assert code == 0
    events = install_events(runs)
    if installed:
        (event,) = events
        assert event["exit_code"] == 0 and "requirements.txt" in str(event["command"])
        assert "were not installed" not in tracking(fake)
    else:
        assert events == []
        assert "dependencies were not installed: this pull request's code comes from another repository" in \
            tracking(fake)
