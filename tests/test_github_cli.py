"""`assay github handle-event` as a GitHub Actions step runs it, and GitHub App authentication."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from agent.errors import UsageError
from agent.github.api import GitHubApi, GitHubApiError
from agent.github.auth import resolve_token
from agent.github.config import GitHubSettings
from test_github_job import HAS_BWRAP, SHOP

from fake_github import TOKEN, FakeGitHub, load_payload, make_remote, remote_branches


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    yield server
    server.stop()


def actions_env(fake: FakeGitHub, event: Path, clone_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "GITHUB_", "ASSAY_"))}
    env.update({"GITHUB_EVENT_NAME": "issue_comment", "GITHUB_EVENT_PATH": str(event),
                "GITHUB_REPOSITORY": "octo-org/shop", "GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": fake.url,
                "ASSAY_CLONE_URL": clone_url, "ASSAY_MODEL": "offline", "ASSAY_PACE_WRITES": "0",
                "ASSAY_REQUIRE_SANDBOX": "1" if HAS_BWRAP else "0"})
    return env


def test_handle_event_runs_like_an_actions_step(tmp_path: Path, fake: FakeGitHub) -> None:
    bare, url = make_remote(tmp_path / "remotes", SHOP)
    event = tmp_path / "event.json"
    event.write_text(json.dumps(load_payload("issue_comment.created.issue.json")))
    done = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event"],
                          env=actions_env(fake, event, url), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(fake.created_pulls) == 1 and len(remote_branches(bare)) == 2
    assert TOKEN not in done.stderr and TOKEN not in done.stdout


def test_handle_event_ignores_an_edited_comment_and_exits_0(tmp_path: Path, fake: FakeGitHub) -> None:
    event = tmp_path / "event.json"
    event.write_text(json.dumps(load_payload("issue_comment.edited.issue.json")))
    done = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event"],
                          env=actions_env(fake, event, "/nowhere/{repo}.git"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "ignored: comment edited" in done.stderr and fake.calls == []


def test_handle_event_bad_input_is_one_line_exit_2(tmp_path: Path, fake: FakeGitHub) -> None:
    event = tmp_path / "event.json"
    event.write_text("{not json")
    done = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event"],
                          env=actions_env(fake, event, "/x/{repo}.git"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "is not JSON" in done.stderr and "Traceback" not in done.stderr
    payload = load_payload("issue_comment.created.issue.json")
    payload["issue"]["number"] = "abc"
    event.write_text(json.dumps(payload))
    done = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event"],
                          env=actions_env(fake, event, "/x/{repo}.git"), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and fake.calls == []
    assert done.stderr.strip().splitlines()[-1].endswith("is malformed: payload field 'number' is 'abc', not a "
                                                         "positive integer")
    shown = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event", "--help"],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and "GITHUB_EVENT_PATH" in shown.stdout


def _key() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return private, public


def test_app_auth_exchanges_a_signed_jwt_for_an_installation_token(fake: FakeGitHub) -> None:
    private, public = _key()
    fake.app_public_key = public
    settings = GitHubSettings(api_url=fake.url, app_id=fake.app_id, private_key=private)
    token = resolve_token(settings, 51234567)
    assert token == "ghs_installation51234567tokenABCDEFGHIJ"
    (minted,) = fake.calls_to("POST", r"/app/installations/51234567/access_tokens")
    assert minted.auth.startswith("Bearer ")
    assert GitHubApi(token, api_url=fake.url, pace_writes=False).permission("octo-org/shop", "alice") == "write"


def test_app_auth_with_the_wrong_key_is_refused(fake: FakeGitHub) -> None:
    fake.app_public_key = _key()[1]
    settings = GitHubSettings(api_url=fake.url, app_id=fake.app_id, private_key=_key()[0])
    with pytest.raises(GitHubApiError, match="HTTP 401"):
        resolve_token(settings, 1)


def test_missing_credentials_are_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no GitHub credentials"):
        resolve_token(GitHubSettings(), None)
    with pytest.raises(UsageError, match="no installation id"):
        resolve_token(GitHubSettings(app_id="1", private_key="k"), None)


def test_settings_from_the_environment() -> None:
    s = GitHubSettings.from_env({"GITHUB_TOKEN": TOKEN, "GITHUB_SERVER_URL": "https://ghe.example",
                                 "ASSAY_REQUIRE_SANDBOX": "0", "ASSAY_REPLY_UNAUTHORIZED": "false",
                                 "ASSAY_COMMAND_PREFIX": "/tests", "ASSAY_INSTALL_DEPS": "1"})
    assert s.clone_url == "https://ghe.example/{repo}.git" and s.require_sandbox is False
    assert s.reply_unauthorized is False and s.command_prefix == "/tests" and s.install_deps is True
    assert GitHubSettings.from_env({}).require_sandbox is True
    assert GitHubSettings.from_env({}).install_deps is False
    with pytest.raises(UsageError, match="bad GitHub settings"):
        GitHubSettings.from_env({"ASSAY_MAX_EVENT_AGE_S": "soon"})


FAKE_SCRIPT = Path(__file__).parent / "fake_github.py"


@pytest.fixture
def standalone_fake(tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    """`python tests/fake_github.py` as docs/github.md starts it: the environment it writes, and its URL."""
    from test_github_server import free_port, wait_for

    port, directory, log = free_port(), tmp_path / "try", tmp_path / "fake.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, str(FAKE_SCRIPT), "--dir", str(directory), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "Ctrl-C stops it." in log.read_text(), timeout=30)
        assert log.read_text().startswith(f"fake GitHub for octo-org/shop on http://127.0.0.1:{port}")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "GITHUB_", "ASSAY_"))}
        for line in (directory / "env.sh").read_text().splitlines():
            name, _, value = line.removeprefix("export ").partition("=")
            env[name] = shlex.split(value)[0]
        env["ASSAY_REQUIRE_SANDBOX"] = "1" if HAS_BWRAP else "0"
        yield env, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_standalone_fake_serves_the_documented_action_trial(standalone_fake: tuple[dict[str, str], str]) -> None:
    env, url = standalone_fake
    done = subprocess.run([sys.executable, "-m", "agent.cli", "github", "handle-event"], env=env,
                          capture_output=True, text=True, timeout=300)

    assert done.returncode == 0, done.stderr
    state = httpx.get(f"{url}/_fake/state", timeout=10).json()
    (pull,) = state["pulls"]
    assert pull["head"]["ref"] == "assay/12-add-tests-for-line-total-in-shop-pricing"
    assert state["reactions"] == ["eyes", "rocket"] and "opened #100" in state["comments"][0]["body"]
    bare = Path(env["ASSAY_CLONE_URL"].format(repo="octo-org/shop"))
    assert set(remote_branches(bare)) == {"main", pull["head"]["ref"]}


def test_the_standalone_fake_delivers_a_signed_event_to_assay_serve(
        tmp_path: Path, standalone_fake: tuple[dict[str, str], str]) -> None:
    from test_github_server import free_port, wait_for

    env, url = standalone_fake
    event = env.pop("GITHUB_EVENT_PATH")
    env["ASSAY_WEBHOOK_SECRET"] = "try-it-secret"
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--port", str(port), "--queue",
                               str(tmp_path / "queue.sqlite3")], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: _healthy(f"http://127.0.0.1:{port}"), timeout=30)
        sent = subprocess.run([sys.executable, str(FAKE_SCRIPT), "deliver", f"http://127.0.0.1:{port}/webhook",
                               "--secret", "try-it-secret", "--event", event], capture_output=True, text=True,
                              timeout=30)
        assert sent.returncode == 0 and sent.stdout.startswith("202"), sent.stdout
        wait_for(lambda: len(httpx.get(f"{url}/_fake/state", timeout=10).json()["pulls"]) == 1, timeout=120)
        # As docs/github.md says: the same comment again stands down; the same words as a new comment run.
        again = subprocess.run([sys.executable, str(FAKE_SCRIPT), "deliver", f"http://127.0.0.1:{port}/webhook",
                                "--secret", "try-it-secret", "--event", event], capture_output=True, text=True,
                               timeout=30)
        assert again.stdout.startswith("200") and "already queued as job 1" in again.stdout
        fresh = subprocess.run([sys.executable, str(FAKE_SCRIPT), "deliver", f"http://127.0.0.1:{port}/webhook",
                                "--secret", "try-it-secret", "--event", event, "--new-comment"], capture_output=True,
                               text=True, timeout=30)
        assert fresh.stdout.startswith("202"), fresh.stdout
        wait_for(lambda: len(httpx.get(f"{url}/_fake/state", timeout=10).json()["pulls"]) == 2, timeout=120)
        heads = [p["head"]["ref"] for p in httpx.get(f"{url}/_fake/state", timeout=10).json()["pulls"]]
        assert heads[1] == heads[0] + "-2"
        wrong = subprocess.run([sys.executable, str(FAKE_SCRIPT), "deliver", f"http://127.0.0.1:{port}/webhook",
                                "--secret", "not-the-secret", "--event", event], capture_output=True, text=True,
                               timeout=30)
        assert wrong.returncode == 1 and wrong.stdout.startswith("401")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
