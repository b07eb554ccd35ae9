"""A fake GitHub REST API on 127.0.0.1: answers the endpoints assay uses and records every call.

It runs in a thread of the test process, so it outlives an `assay serve` subprocess the test kills
and restarts. Pull requests are refused with 422 when one is already open for the head branch, as
GitHub does.

Run as a script it is the "try it locally" GitHub of docs/github.md: `python tests/fake_github.py`
seeds a bare remote and an event, prints the settings to use, logs every call, and shows what assay
posted at `GET /_fake/state`; `python tests/fake_github.py deliver URL` signs and sends the event
to `assay serve` the way GitHub does. It needs only the `github` extra (no pytest).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import shlex
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt

TOKEN = "ghs_faketoken0123456789abcdefABCDEF"


@dataclass
class Call:
    method: str
    path: str
    body: Any
    auth: str


@dataclass
class FakeGitHub:
    """State of the fake: repos, permissions, comments, pulls; `calls` records what assay sent."""

    repo: str = "octo-org/shop"
    default_branch: str = "main"
    permissions: dict[str, str] = field(default_factory=lambda: {"alice": "write", "mallory": "read"})
    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    """Pre-existing pull requests by number (the PR a comment is made on)."""
    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    app_public_key: str | None = None
    app_id: str = "4242"
    fail: dict[str, int] = field(default_factory=dict)
    """`"POST /repos/o/r/pulls"` -> status to answer instead."""
    lose_answer: set[str] = field(default_factory=set)
    """`"POST /repos/o/r/pulls"`: do it, then close the connection without answering (an answer lost in transit)."""
    on_call: Callable[[Call], None] | None = None
    """Called after a call took effect, before it is answered (a test can kill the caller there)."""
    lookup_misses: bool = False
    """`GET /pulls?head=…` finds nothing even when the pull request is open (the lookup of an older fake)."""
    calls: list[Call] = field(default_factory=list)
    verbose: bool = False
    """Print one line per call (the standalone script)."""
    comments: dict[int, dict[str, Any]] = field(default_factory=dict)
    created_pulls: list[dict[str, Any]] = field(default_factory=list)
    _ids: int = 9000
    _lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self, port: int = 0) -> FakeGitHub:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                if self.command == "GET" and self.path == "/_fake/state":
                    status, answer = 200, fake.state()
                else:
                    status, answer = fake.answer(self.command, self.path, body, self.headers.get("Authorization", ""))
                if fake.verbose:
                    print(f"fake GitHub: {self.command} {self.path} -> {status}", flush=True)
                if fake.on_call is not None and fake.calls:
                    fake.on_call(fake.calls[-1])
                if f"{self.command} {self.path.split('?')[0]}" in fake.lose_answer:
                    self.close_connection = True
                    return
                data = json.dumps(answer).encode() if answer is not None else b""
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def state(self) -> dict[str, Any]:
        """What assay left on the fake: comments (with their final bodies), reactions, opened pull requests."""
        with self._lock:
            reactions = [c.body.get("content") for c in self.calls if c.path.endswith("/reactions")
                         and isinstance(c.body, dict)]
            return {"comments": list(self.comments.values()), "reactions": reactions,
                    "pulls": list(self.created_pulls), "calls": len(self.calls)}

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        """Recorded calls whose method matches and whose path matches the regex `pattern`."""
        return [c for c in self.calls if c.method == method and re.fullmatch(pattern, c.path.split("?")[0])]

    # -- the API -------------------------------------------------------------------------------------------

    def answer(self, method: str, path: str, body: Any, auth: str) -> tuple[int, Any]:
        with self._lock:
            call = Call(method, path, body, auth)
            self.calls.append(call)
            route = path.split("?")[0]
            if f"{method} {route}" in self.fail:
                return self.fail[f"{method} {route}"], {"message": "injected failure"}
            if route.startswith("/app/"):
                return self._app(method, route, auth)
            if auth.split(" ", 1)[-1] not in self.tokens:
                return 401, {"message": "Bad credentials"}
            return self._repo_api(method, route, path, body)

    def _app(self, method: str, route: str, auth: str) -> tuple[int, Any]:
        match = re.fullmatch(r"/app/installations/(\d+)/access_tokens", route)
        if method != "POST" or not match or self.app_public_key is None:
            return 404, {"message": "Not Found"}
        try:
            claims = jwt.decode(auth.removeprefix("Bearer "), self.app_public_key, algorithms=["RS256"])
        except jwt.PyJWTError as exc:
            return 401, {"message": f"A JSON web token could not be decoded: {exc}"}
        if str(claims.get("iss")) != self.app_id:
            return 401, {"message": "wrong issuer"}
        token = f"ghs_installation{match.group(1)}tokenABCDEFGHIJ"
        self.tokens.add(token)
        return 201, {"token": token, "expires_at": "2099-01-01T00:00:00Z", "permissions": {}}

    def _repo_api(self, method: str, route: str, path: str, body: Any) -> tuple[int, Any]:
        prefix = f"/repos/{self.repo}"
        if not route.startswith(prefix):
            return 404, {"message": "Not Found"}
        rest = route[len(prefix):]
        base = f"{self.url}{prefix}"
        if method == "GET" and rest == "":
            return 200, {"full_name": self.repo, "default_branch": self.default_branch, "url": base}
        if match := re.fullmatch(r"/collaborators/([^/]+)/permission", rest):
            permission = self.permissions.get(match.group(1), "none")
            legacy = {"maintain": "write", "triage": "read"}.get(permission, permission)
            return 200, {"permission": legacy, "role_name": permission, "user": {"login": match.group(1)}}
        if (match := re.fullmatch(r"/(?:issues|pulls)/comments/(\d+)/reactions", rest)) and method == "POST":
            return 201, {"id": self._next(), "content": body["content"]}
        if (match := re.fullmatch(r"/issues/(\d+)/comments", rest)) and method == "GET":
            number = int(match.group(1))
            return 200, [c for _, c in sorted(self.comments.items()) if c["issue"] == number]
        if (match := re.fullmatch(r"/issues/(\d+)/comments", rest)) and method == "POST":
            comment_id = self._next()
            self.comments[comment_id] = {"id": comment_id, "body": body["body"], "issue": int(match.group(1)),
                                         "url": f"{base}/issues/comments/{comment_id}"}
            return 201, self.comments[comment_id]
        if match := re.fullmatch(r"/issues/comments/(\d+)", rest):
            comment = self.comments.get(int(match.group(1)))
            if comment is None:
                return 404, {"message": "Not Found"}
            if method == "PATCH":
                comment["body"] = body["body"]
            if method == "DELETE":
                del self.comments[int(match.group(1))]
                return 204, None
            return 200, comment
        if (match := re.fullmatch(r"/pulls/(\d+)", rest)) and method == "GET":
            pull = self.pulls.get(int(match.group(1)))
            return (200, pull) if pull else (404, {"message": "Not Found"})
        if rest == "/pulls" and method == "POST":
            return self._create_pull(body, base)
        if rest == "/pulls" and method == "GET":
            # `head=owner:branch`, percent-encoded (`assay%2F12-…`) as every client sends it; decoded as GitHub does.
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
            wanted = query["head"][0].split(":", 1)[-1] if "head" in query else None
            state = query.get("state", ["open"])[0]
            if self.lookup_misses:
                return 200, []
            return 200, [p for p in self.created_pulls if (wanted is None or p["head"]["ref"] == wanted)
                         and state in ("all", p["state"])]
        return 404, {"message": "Not Found"}

    def _create_pull(self, body: Any, base: str) -> tuple[int, Any]:
        if any(p["head"]["ref"] == body["head"] for p in self.created_pulls):
            return 422, {"message": "Validation Failed",
                         "errors": [{"message": f"A pull request already exists for {body['head']}."}]}
        number = 100 + len(self.created_pulls)
        pull = {"number": number, "url": f"{base}/pulls/{number}", "state": "open",
                "html_url": f"https://github.example/{self.repo}/pull/{number}", "title": body["title"],
                "body": body.get("body"), "head": {"ref": body["head"]}, "base": {"ref": body["base"]}}
        self.created_pulls.append(pull)
        return 201, pull

    def _next(self) -> int:
        self._ids += 1
        return self._ids



FIXTURES = Path(__file__).parent / "fixtures" / "github"


def load_payload(name: str, *, body: str | None = None, login: str | None = None) -> dict[str, Any]:
    """A recorded payload shape from tests/fixtures/github, dated now (so it is not stale), optionally edited."""
    payload: dict[str, Any] = json.loads((FIXTURES / name).read_text())
    payload["comment"]["created_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if body is not None:
        payload["comment"]["body"] = body
    if login is not None:
        payload["comment"]["user"]["login"] = payload["sender"]["login"] = login
    return payload


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with hooks off; return stdout."""
    cmd = ["git", "-c", "core.hooksPath=/dev/null", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args]
    return subprocess.run(cmd, cwd=repo, check=True, capture_output=True, text=True).stdout


def make_repo(root: Path, files: dict[str, str]) -> Path:
    """A git repo at `root` with `files` committed on `main`."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def make_remote(root: Path, files: dict[str, str], repo: str = "octo-org/shop") -> tuple[Path, str]:
    """A bare repo at `root/<repo>.git` holding `files` on `main`; returns it and the clone-URL template."""
    work = make_repo(root / "seed", files)
    bare = root / f"{repo}.git"
    bare.parent.mkdir(parents=True, exist_ok=True)
    git(root, "clone", "-q", "--bare", str(work), str(bare))
    return bare, str(root) + "/{repo}.git"


def remote_branches(bare: Path) -> dict[str, str]:
    """`branch -> sha` of every branch in the bare remote."""
    out = git(bare, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads")
    return dict(line.split() for line in out.splitlines())


# -- the standalone "try it locally" GitHub ------------------------------------------------------------------

SAMPLE = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\n',
    "shop/__init__.py": "",
    "shop/pricing.py": 'def line_total(quantity: int, unit_price: float) -> float:\n'
                       '    """Price of one order line; quantities must be positive."""\n'
                       '    if quantity <= 0:\n        raise ValueError("quantity must be positive")\n'
                       '    return round(quantity * unit_price, 2)\n',
}
"""The repository the standalone fake serves: a small Python package the offline engine can test."""
TRY_DIR = Path("/tmp/assay-try")
"""Where docs/github.md expects the trial's files (a fixed path, so the commands there work as written)."""


def serve(directory: Path, port: int) -> None:
    """Seed `directory` (remote, event, env file), then answer API calls until interrupted."""
    directory.mkdir(parents=True, exist_ok=True)
    if not (directory / "octo-org" / "shop.git").is_dir():
        make_remote(directory, SAMPLE)
    event = directory / "event.json"
    event.write_text(json.dumps(load_payload("issue_comment.created.issue.json"), indent=2))
    fake = FakeGitHub(verbose=True).start(port)
    env = {"GITHUB_API_URL": fake.url, "GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": fake.repo,
           "ASSAY_CLONE_URL": f"{directory}/{{repo}}.git", "ASSAY_PACE_WRITES": "0", "ASSAY_MODEL": "offline",
           "GITHUB_EVENT_NAME": "issue_comment", "GITHUB_EVENT_PATH": str(event)}
    env_file = directory / "env.sh"
    env_file.write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in env.items()))
    print(f"fake GitHub for {fake.repo} on {fake.url}\n  remote:  {directory}/{fake.repo}.git\n"
          f"  event:   {event} (alice comments `/assay add tests for line_total …` on issue #12)\n"
          f"  settings: source {env_file}\n  results: curl -s {fake.url}/_fake/state\nCtrl-C stops it.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


def deliver(url: str, secret: str, event: Path, delivery: str | None, new_comment: bool = False) -> int:
    """POST `event` to `url` signed with `secret`, as GitHub delivers a webhook; print the answer."""
    payload = json.loads(event.read_text())
    payload["comment"]["created_at"] = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if new_comment:  # the same words in a new comment: a new id, so nothing treats it as answered already
        payload["comment"]["id"] = int(datetime.now(UTC).timestamp() * 1000)
        payload["comment"]["html_url"] = payload["comment"]["html_url"].split("#")[0] + (
            f"#issuecomment-{payload['comment']['id']}")
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-GitHub-Event": "issue_comment",
               "X-GitHub-Delivery": delivery or f"try-{uuid.uuid4()}",
               "X-Hub-Signature-256": signature}
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            print(answer.status, answer.read().decode())
            return 0
    except urllib.error.HTTPError as exc:
        print(exc.code, exc.read().decode())
        return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="fake_github.py", description="A local fake GitHub to try assay with.")
    parser.add_argument("--dir", type=Path, default=TRY_DIR,
                        help="where the bare remote, event.json and env.sh go (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: %(default)s)")
    sub = parser.add_subparsers(dest="command")
    send = sub.add_parser("deliver", help="sign and send the event to `assay serve`, as GitHub would")
    send.add_argument("url", help="the webhook URL, e.g. http://127.0.0.1:8000/webhook")
    send.add_argument("--secret", required=True, help="the same value as ASSAY_WEBHOOK_SECRET")
    send.add_argument("--event", type=Path, default=TRY_DIR / "event.json",
                      help="the payload to send (default: %(default)s)")
    send.add_argument("--delivery", help="the X-GitHub-Delivery id (default: a new one)")
    send.add_argument("--new-comment", action="store_true",
                      help="send it as a new comment (a new comment id) rather than the one already answered")
    args = parser.parse_args(argv)
    if args.command == "deliver":
        return deliver(args.url, args.secret, args.event, args.delivery, args.new_comment)
    try:
        serve(args.dir.resolve(), args.port)
    except OSError as exc:
        print(f"fake_github.py: cannot serve on 127.0.0.1:{args.port}: {exc.strerror} (try --port)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
