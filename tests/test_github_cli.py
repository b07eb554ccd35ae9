"""`assay github handle-event` as a GitHub Actions step runs it, and GitHub App authentication."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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
                                 "ASSAY_COMMAND_PREFIX": "/tests"})
    assert s.clone_url == "https://ghe.example/{repo}.git" and s.require_sandbox is False
    assert s.reply_unauthorized is False and s.command_prefix == "/tests"
    assert GitHubSettings.from_env({}).require_sandbox is True
    with pytest.raises(UsageError, match="bad GitHub settings"):
        GitHubSettings.from_env({"ASSAY_MAX_EVENT_AGE_S": "soon"})
