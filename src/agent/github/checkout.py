"""The git side of a GitHub job: a fresh clone of the right ref, a new branch, one commit, one push.

The token never touches disk or argv: it reaches git as an `http.extraHeader` in the environment of
the git processes assay itself runs (never the sandbox's), so the clone's `.git/config` holds a clean
URL. Pushes name one branch, never with `+` or `--force`, and never the default or base branch: a new
`assay/*` branch, or (when the repository allows it) a fast-forward of a same-repository PR's branch.
"""

from __future__ import annotations

import base64
import contextlib
import re
import shutil
import tempfile
from pathlib import Path

import git

from agent.gitops import safe_env
from agent.redact import Redactor

BRANCH_PREFIX = "assay/"


class GitDeliveryError(Exception):
    """Cloning or pushing failed; the message is one redacted line."""


def git_env(token: str | None, repo: Path | None = None) -> dict[str, str]:
    """The hardened git environment, plus the token as an HTTP header when there is one."""
    env = safe_env(repo)
    if token:
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        index = int(env["GIT_CONFIG_COUNT"])
        env[f"GIT_CONFIG_KEY_{index}"] = "http.extraHeader"
        env[f"GIT_CONFIG_VALUE_{index}"] = f"Authorization: Basic {basic}"
        env["GIT_CONFIG_COUNT"] = str(index + 1)
    return env


def slugify(text: str, limit: int = 40) -> str:
    """A branch-safe slug of `text`: lowercase words joined by `-`."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > limit:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "tests"


class Checkout:
    """A clone of one repository that the job works in."""

    def __init__(self, path: Path, token: str | None, redactor: Redactor) -> None:
        self.path = path
        self._token = token
        self._redactor = redactor
        self.repo = git.Repo(path)

    @classmethod
    def clone(cls, url: str, path: Path, token: str | None, redactor: Redactor, *, branch: str) -> Checkout:
        """Clone `branch` of `url` into `path` (single branch, so other refs are fetched explicitly)."""
        try:
            git.Repo.clone_from(url, path, env=git_env(token), branch=branch, single_branch=True)
        except git.GitCommandError as exc:
            raise GitDeliveryError(f"cloning {url} ({branch}) failed: {_stderr(exc, redactor)}") from None
        return cls(path, token, redactor)

    def _git(self, *args: str) -> str:
        try:
            out: str = self.repo.git.execute(["git", *args], env=git_env(self._token, self.path))
        except git.GitCommandError as exc:
            raise GitDeliveryError(f"git {args[0]} failed: {_stderr(exc, self._redactor)}") from None
        return out

    def fetch(self, remote_ref: str, local_ref: str) -> str:
        """Fetch `remote_ref` (e.g. `refs/pull/7/head`) to `local_ref`; return its commit sha."""
        self._git("fetch", "--no-tags", "origin", f"+{remote_ref}:{local_ref}")
        return self._git("rev-parse", local_ref).strip()

    def fetch_commit(self, remote_ref: str, sha: str, local_ref: str) -> str:
        """Fetch `remote_ref` and make sure the pinned commit `sha` came with it (or fetch it by id); return `sha`.

        A pull request's head may have moved on since it was pinned: the pinned commit is still what runs.
        """
        self._git("fetch", "--no-tags", "origin", f"+{remote_ref}:{local_ref}")
        if not self._has_commit(sha):
            with contextlib.suppress(GitDeliveryError):  # servers that refuse a fetch by id: the check below
                self._git("fetch", "--no-tags", "origin", sha)
            if not self._has_commit(sha):
                raise GitDeliveryError(f"the pinned commit {sha[:12]} is no longer in the repository (force-pushed "
                                       "away?); ask again to test the pull request as it is now")
        return sha

    def _has_commit(self, sha: str) -> bool:
        try:
            self._git("cat-file", "-e", f"{sha}^{{commit}}")
        except GitDeliveryError:
            return False
        return True

    def format_patch(self, commit: str) -> str:
        """`commit` as an email patch that `git am` applies (author, message and trailers kept)."""
        return self._git("format-patch", "-1", "--stdout", "--no-signature", "--no-stat", commit)

    def remote_branches(self) -> set[str]:
        """Branch names that exist on the remote now."""
        out = self._git("ls-remote", "--heads", "origin")
        return {line.split("refs/heads/", 1)[1] for line in out.splitlines() if "refs/heads/" in line}

    def start_branch(self, name: str, start_point: str) -> None:
        self._git("checkout", "-q", "-B", name, start_point)

    def export_tree(self, ref: str, folder: str, dest: Path) -> bool:
        """Write `folder` as it is at `ref` into `dest` (e.g. the skill from the base branch); False if absent."""
        try:
            tree = self.repo.commit(ref).tree / folder.strip("/")
        except KeyError:
            return False
        if dest.exists():
            shutil.rmtree(dest)
        for item in tree.traverse():
            if not isinstance(item, git.Blob) or item.mode == git.Blob.link_mode:
                continue  # symlinks could point anywhere once written out; a skill has none
            target = dest / Path(item.path).relative_to(folder.strip("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.data_stream.read())
        return True

    def commit(self, files: list[str], message: str, author: str) -> str:
        """Commit exactly `files` (nothing else in the work tree); return the new commit's sha."""
        name, _, email = author.partition("<")
        self._git("add", "--", *files)
        self._git("-c", f"user.name={name.strip()}", "-c", f"user.email={email.rstrip('>').strip()}",
                  "commit", "-q", "--no-verify", "-m", message, "--", *files)
        return self._git("rev-parse", "HEAD").strip()

    def push(self, branch: str, protected: set[str]) -> None:
        """Push `branch` to a branch of the same name; refuses protected names and never forces."""
        if not branch.startswith(BRANCH_PREFIX) or branch in protected:
            raise GitDeliveryError(f"refusing to push to {branch!r}: assay only pushes its own {BRANCH_PREFIX}* "
                                   "branches")
        self._git("push", "--atomic", "--porcelain", "origin", f"refs/heads/{branch}:refs/heads/{branch}")

    def push_onto(self, branch: str, protected: set[str]) -> None:
        """Add HEAD to the existing remote `branch` (a PR's own branch) as a fast-forward, never forced.

        git refuses the push when the branch moved since the clone; nothing is then changed on the remote.
        """
        if not branch or branch in protected:
            raise GitDeliveryError(f"refusing to push to {branch!r}: it is the default or the base branch")
        self._git("push", "--atomic", "--porcelain", "origin", f"HEAD:refs/heads/{branch}")

    def read_file(self, ref: str, path: str) -> str | None:
        """The text of `path` at `ref` (e.g. the repo's config on the base branch), or None when absent."""
        try:
            blob = self.repo.commit(ref).tree / path
        except KeyError:
            return None
        if not isinstance(blob, git.Blob):
            return None
        return bytes(blob.data_stream.read()).decode("utf-8", errors="replace")


def remote_sha(url: str, branch: str, token: str | None, redactor: Redactor) -> str | None:
    """The commit `branch` points at on the remote `url`, or None when it does not exist."""
    try:
        out = git.Git().execute(["git", "ls-remote", "--heads", url, f"refs/heads/{branch}"], env=git_env(token))
    except git.GitCommandError as exc:
        raise GitDeliveryError(f"git ls-remote failed: {_stderr(exc, redactor)}") from None
    return str(out).split()[0] if str(out).strip() else None


def delete_remote_branch(url: str, branch: str, commit: str, token: str | None, redactor: Redactor) -> None:
    """Undo assay's own push (when the pull request cannot be opened); only `assay/*` branches.

    Runs in an empty repository of its own (git cannot push from outside one, and the caller's working folder
    is no checkout), and only while the branch still points at `commit`: a branch someone moved is left alone.
    """
    if not branch.startswith(BRANCH_PREFIX):
        raise GitDeliveryError(f"refusing to delete {branch!r}")
    with tempfile.TemporaryDirectory(prefix="assay-git-") as empty:
        try:
            git.Repo.init(empty, bare=True)
            git.Git(empty).execute(["git", "push", "--porcelain", f"--force-with-lease=refs/heads/{branch}:{commit}",
                                    url, f":refs/heads/{branch}"], env=git_env(token))
        except git.GitCommandError as exc:
            raise GitDeliveryError(f"git push (delete) failed: {_stderr(exc, redactor)}") from None


def _stderr(exc: git.GitCommandError, redactor: Redactor) -> str:
    """The most telling line of git's output: a `remote:` reason or a rejected ref first, then errors."""
    text = "\n".join(str(x) for x in (exc.stderr, exc.stdout) if isinstance(x, str))
    lines = [ln.strip().removeprefix("stderr: ").removeprefix("stdout: ").strip("'").strip()
             for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    ranked = ([ln for ln in lines if ln.startswith("remote:") and re.search(r"error|reject|denied|declined", ln, re.I)]
              + [ln.replace("\t", " ") for ln in lines if ln.startswith("!")]
              + [ln for ln in lines if re.search(r"reject|denied|fatal|error|not found", ln, re.I)])
    line = (ranked or lines or [f"exit {exc.status}"])[0]
    return redactor.redact(line)[:300]
