"""`assay github handle-event`: one webhook event on a GitHub Actions runner, configured the way an Action is.

The workflow runs on `issue_comment`; the runner provides `GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`,
`GITHUB_REPOSITORY`, `GITHUB_API_URL` and `GITHUB_SERVER_URL`, and the workflow passes `GITHUB_TOKEN`.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent.errors import UsageError
from agent.github.api import GitHubApi
from agent.github.auth import resolve_token
from agent.github.config import GitHubSettings
from agent.github.core import Checkpoints, Job, MemoryCheckpoints, ModelFactory
from agent.github.events import Ignored, MalformedEvent, Trigger, parse_event
from agent.sandbox import Sandbox

log = logging.getLogger("assay.github")


def read_event(path: Path) -> dict[str, Any]:
    """The webhook payload at `path`; a one-line `UsageError` when it is missing or not a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the event payload {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(f"the event payload {path} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"the event payload {path} is not a JSON object")
    return data


def triage_event(event_name: str, payload: dict[str, Any], settings: GitHubSettings,
                 expected_repo: str | None = None) -> Trigger | Ignored:
    """`parse_event` plus the checks that need settings: the repository, and stale comments."""
    found = parse_event(event_name, payload, prefix=settings.command_prefix,
                        own_logins=frozenset(settings.own_logins))
    if isinstance(found, Ignored):
        return found
    if expected_repo and found.repo.lower() != expected_repo.lower():
        return Ignored(f"event is for {found.repo}, not {expected_repo}")
    if found.created_at is not None:
        age = (datetime.now(UTC) - found.created_at).total_seconds()
        if age > settings.max_event_age_s:
            return Ignored(f"stale delivery: the comment is {int(age)}s old")
    return found


def run_trigger(trigger: Trigger, settings: GitHubSettings, *, checkpoints: Checkpoints | None = None,
                model_factory: ModelFactory | None = None, sandbox: Sandbox | None = None) -> int:
    """Authenticate, then run the shared job for `trigger`; return its exit code."""
    token = resolve_token(settings, trigger.installation_id)
    api = GitHubApi(token, api_url=settings.api_url, pace_writes=settings.pace_writes)
    try:
        job = Job(trigger, settings, api, token, checkpoints or MemoryCheckpoints(), model_factory, sandbox)
        return job.run()
    finally:
        api.close()


def handle_event(event_name: str | None = None, event_path: Path | None = None, *,
                 env: Mapping[str, str] | None = None, settings: GitHubSettings | None = None,
                 model_factory: ModelFactory | None = None, sandbox: Sandbox | None = None) -> int:
    """Handle the event the Actions runner describes in `env`; 0 when it was ignored or answered."""
    env = os.environ if env is None else env
    name = event_name or env.get("GITHUB_EVENT_NAME")
    path = event_path or (Path(env["GITHUB_EVENT_PATH"]) if env.get("GITHUB_EVENT_PATH") else None)
    if not name or path is None:
        raise UsageError("no event: set GITHUB_EVENT_NAME and GITHUB_EVENT_PATH (as Actions does) or pass "
                         "--event-name and --event-path")
    settings = settings or GitHubSettings.from_env(env)
    try:
        found = triage_event(name, read_event(path), settings, env.get("GITHUB_REPOSITORY"))
    except MalformedEvent as exc:
        raise UsageError(f"the event payload {path} is malformed: {exc}") from None
    if isinstance(found, Ignored):
        log.info("ignored: %s", found.reason)
        return 0
    log.info("run requested by %s on %s#%s", found.author, found.repo, found.issue_number)
    return run_trigger(found, settings, model_factory=model_factory, sandbox=sandbox)
