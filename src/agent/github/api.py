"""The GitHub REST calls assay makes, through PyGithub, and the two ways to authenticate.

Only the handful of endpoints the job needs, each a method: collaborator permission, a reaction,
issue comments, pull requests, the repository. Objects are built lazily from URLs so every method
is exactly one request (the fake server in the tests can count them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from github import Auth, Github, GithubException, GithubIntegration
from github.IssueComment import IssueComment
from github.PullRequest import PullRequest

from agent.errors import UsageError

WRITE_PERMISSIONS = frozenset({"admin", "maintain", "write"})
DEFAULT_API_URL = "https://api.github.com"


class GitHubApiError(Exception):
    """A REST call failed; the message is one line with the status and GitHub's own message."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PullInfo:
    """What the job needs to know about a pull request."""

    number: int
    head_ref: str
    head_sha: str
    head_repo: str | None
    """`owner/name` of the head repository; None when the fork was deleted."""
    base_ref: str
    html_url: str


@dataclass(frozen=True)
class CreatedPull:
    number: int
    html_url: str


def installation_token(api_url: str, app_id: str, private_key: str, installation_id: int) -> str:
    """Exchange the App's JWT (signed with `private_key`) for an installation token."""
    try:
        with GithubIntegration(base_url=api_url, auth=Auth.AppAuth(app_id, private_key)) as integration:
            return integration.get_access_token(installation_id).token
    except GithubException as exc:
        raise GitHubApiError(f"could not get an installation token for installation {installation_id}: "
                             f"{_describe(exc)}", exc.status) from None
    except ValueError as exc:  # a malformed private key
        raise UsageError(f"the GitHub App private key cannot be used: {exc}") from None


class GitHubApi:
    """A token-authenticated client for one repository's issues, comments and pulls."""

    def __init__(self, token: str, *, api_url: str = DEFAULT_API_URL, pace_writes: bool = True) -> None:
        # GitHub asks integrations to space out content-creating requests; tests against a local fake skip it.
        self._gh = Github(base_url=api_url.rstrip("/"), auth=Auth.Token(token), lazy=True, retry=3 if pace_writes
                          else 0, seconds_between_requests=0.25 if pace_writes else None,
                          seconds_between_writes=1.0 if pace_writes else None, timeout=30)
        self._api_url = api_url.rstrip("/")

    def close(self) -> None:
        self._gh.close()

    def permission(self, repo: str, login: str) -> str:
        """The collaborator permission of `login` on `repo`: admin, maintain, write, triage, read or none."""
        data = self._call("GET", f"/repos/{repo}/collaborators/{login}/permission")
        role = str(data.get("role_name") or "")
        # `permission` folds maintain into write and triage into read; `role_name` keeps them apart.
        return role if role in ("admin", "maintain", "write", "triage", "read") else str(data.get("permission", "none"))

    def default_branch(self, repo: str) -> str:
        return str(self._call("GET", f"/repos/{repo}")["default_branch"])

    def add_reaction(self, repo: str, comment_id: int, content: str, *, review: bool = False) -> None:
        """React to an issue comment, or (`review`) to a review comment on a PR's diff."""
        kind = "pulls" if review else "issues"
        self._call("POST", f"/repos/{repo}/{kind}/comments/{comment_id}/reactions", {"content": content})

    def create_comment(self, repo: str, issue_number: int, body: str) -> int:
        """Post a comment on an issue or pull request; return its id."""
        return int(self._call("POST", f"/repos/{repo}/issues/{issue_number}/comments", {"body": body})["id"])

    def list_comments(self, repo: str, issue_number: int, since: str | None = None) -> list[tuple[int, str]]:
        """(id, body) of the issue's comments, oldest first: the first 100 updated after `since` (ISO 8601)."""
        query = f"?per_page=100{f'&since={since}' if since else ''}"
        path = f"/repos/{repo}/issues/{issue_number}/comments{query}"
        try:
            _, data = self._gh.requester.requestJsonAndCheck("GET", f"{self._api_url}{path}")
        except GithubException as exc:
            raise GitHubApiError(f"GET {path}: {_describe(exc)}", exc.status) from None
        except requests.RequestException as exc:
            raise GitHubApiError(f"GET {path}: no answer from GitHub ({type(exc).__name__})", None) from None
        items: list[Any] = data if isinstance(data, list) else []
        return [(int(c["id"]), str(c.get("body") or "")) for c in items if isinstance(c, dict) and "id" in c]

    def delete_comment(self, repo: str, comment_id: int) -> None:
        self._call("DELETE", f"/repos/{repo}/issues/comments/{comment_id}")

    def update_comment(self, repo: str, comment_id: int, body: str) -> None:
        comment = IssueComment(self._gh.requester, url=f"{self._api_url}/repos/{repo}/issues/comments/{comment_id}")
        try:
            comment.edit(body)
        except GithubException as exc:
            raise GitHubApiError(f"PATCH comment {comment_id}: {_describe(exc)}", exc.status) from None
        except requests.RequestException as exc:
            raise GitHubApiError(f"PATCH comment {comment_id}: no answer from GitHub ({type(exc).__name__})",
                                 None) from None

    def get_pull(self, repo: str, number: int) -> PullInfo:
        data = self._call("GET", f"/repos/{repo}/pulls/{number}")
        head, base = data["head"], data["base"]
        return PullInfo(number=number, head_ref=str(head["ref"]), head_sha=str(head["sha"]),
                        head_repo=str(head["repo"]["full_name"]) if head.get("repo") else None,
                        base_ref=str(base["ref"]), html_url=str(data.get("html_url", "")))

    def create_pull(self, repo: str, *, title: str, body: str, head: str, base: str) -> CreatedPull:
        """Open a pull request from branch `head` into `base`.

        When GitHub answers 422 (one exists already), 5xx, or not at all (the answer was lost), the pull request
        may exist: the open one for `head` is looked up and returned if found.
        """
        try:
            pull: PullRequest = self._gh.get_repo(repo).create_pull(base=base, head=head, title=title, body=body)
        except GithubException as exc:
            existing = self._lookup(repo, head) if exc.status == 422 or exc.status >= 500 else None
            if existing is not None:
                return existing
            raise GitHubApiError(f"opening the pull request failed: {_describe(exc)}", exc.status) from None
        except requests.RequestException as exc:
            existing = self._lookup(repo, head)
            if existing is not None:
                return existing
            raise GitHubApiError(f"opening the pull request failed: no answer from GitHub ({type(exc).__name__})",
                                 None) from None
        return CreatedPull(pull.number, pull.html_url)

    def _lookup(self, repo: str, head: str) -> CreatedPull | None:
        try:
            return self.find_pull(repo, head)
        except GitHubApiError:
            return None

    def find_pull(self, repo: str, head: str) -> CreatedPull | None:
        """The open pull request from branch `head` of `repo`, if any; `GitHubApiError` when GitHub cannot say."""
        owner = repo.split("/", 1)[0]
        try:
            for pull in self._gh.get_repo(repo).get_pulls(state="open", head=f"{owner}:{head}"):
                return CreatedPull(pull.number, pull.html_url)
        except GithubException as exc:
            raise GitHubApiError(f"looking up the pull request for {head} failed: {_describe(exc)}",
                                 exc.status) from None
        except requests.RequestException as exc:
            raise GitHubApiError(f"looking up the pull request for {head} failed: {type(exc).__name__}",
                                 None) from None
        return None

    def _call(self, verb: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        try:
            _, data = self._gh.requester.requestJsonAndCheck(verb, f"{self._api_url}{path}", input=body)
        except GithubException as exc:
            raise GitHubApiError(f"{verb} {path}: {_describe(exc)}", exc.status) from None
        except requests.RequestException as exc:
            raise GitHubApiError(f"{verb} {path}: no answer from GitHub ({type(exc).__name__})", None) from None
        return dict(data) if isinstance(data, dict) else {}


def _describe(exc: GithubException) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = data.get("message") or exc.message or "no message"
    # A 422's reason ("A pull request already exists for …") is in `errors`, not in `message`.
    details = [str(e.get("message")) for e in data.get("errors") or [] if isinstance(e, dict) and e.get("message")]
    return f"HTTP {exc.status}: {message}" + (f" ({'; '.join(details)})" if details else "")
