"""Settings of the GitHub entry point, read from the environment (the way an Action or a service is configured)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from agent.errors import UsageError
from agent.github.api import DEFAULT_API_URL
from agent.github.events import DEFAULT_PREFIX


class GitHubSettings(BaseModel):
    """How the GitHub handler behaves; `from_env` maps `ASSAY_*`/`GITHUB_*` variables onto these fields."""

    model_config = ConfigDict(extra="forbid")

    command_prefix: str = Field(DEFAULT_PREFIX, min_length=1)
    """A comment must start with this to trigger a run (`ASSAY_COMMAND_PREFIX`)."""
    reply_unauthorized: bool = True
    """Answer users without write access with a polite comment; False stays silent (`ASSAY_REPLY_UNAUTHORIZED`)."""
    require_sandbox: bool = True
    """Refuse to run without bubblewrap; only `ASSAY_REQUIRE_SANDBOX=0` turns it off."""
    model: str | None = None
    """`offline` or a Claude model id (`ASSAY_MODEL`); None picks Claude when `ANTHROPIC_API_KEY` is set."""
    api_url: str = DEFAULT_API_URL
    """REST API root (`GITHUB_API_URL`, set by Actions; GitHub Enterprise: https://HOST/api/v3)."""
    clone_url: str = "https://github.com/{repo}.git"
    """Where to clone from, `{repo}` being `owner/name` (`ASSAY_CLONE_URL`, else `$GITHUB_SERVER_URL/{repo}.git`)."""
    token: SecretStr | None = None
    """A token with contents, issues and pull-requests write (`GITHUB_TOKEN` or `ASSAY_GITHUB_TOKEN`)."""
    app_id: str | None = None
    """GitHub App id (`ASSAY_GITHUB_APP_ID`); with `private_key`, runs get an installation token per event."""
    private_key: SecretStr | None = None
    """The App's PEM key (`ASSAY_GITHUB_PRIVATE_KEY`, or a file named by `ASSAY_GITHUB_PRIVATE_KEY_PATH`)."""
    own_logins: list[str] = Field(default_factory=lambda: ["github-actions[bot]"])
    """Accounts whose comments are assay's own, beyond `[bot]` logins (`ASSAY_BOT_LOGINS`, comma-separated)."""
    repo_skill_path: str | None = None
    """A skill folder inside the repo (`ASSAY_REPO_SKILL`), read from the default/base branch, never a PR head."""
    max_event_age_s: float = 24 * 3600
    """Comments older than this are stale deliveries and ignored (`ASSAY_MAX_EVENT_AGE_S`)."""
    pace_writes: bool = True
    """Space out API writes as GitHub asks integrations to (`ASSAY_PACE_WRITES=0` for local fakes)."""
    progress_interval_s: float = 15.0
    """Least time between two progress edits of the tracking comment (`ASSAY_PROGRESS_INTERVAL_S`)."""
    install_deps: bool = False
    """Install the clone's dependencies (`requirements*.txt`, else `pip install -e .`; npm) into assay's own Python
    before the run (`ASSAY_INSTALL_DEPS=1`): for throw-away Actions runners. Never for a fork's pull request."""
    workdir: Path | None = None
    """Where clones are made (`ASSAY_WORKDIR`); default: a temporary directory removed after the job."""
    runs_dir: Path | None = None
    """Copy each run's transcript and outcome here (`ASSAY_RUNS_DIR`), e.g. for an Actions artifact."""
    git_author: str = "assay <assay@users.noreply.github.com>"
    """Author and committer of the test commit (`ASSAY_GIT_AUTHOR`)."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> GitHubSettings:
        """Settings from `env` (default: the process environment); a bad value is a one-line `UsageError`."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}

        def put(field: str, *names: str) -> None:
            for name in names:
                if env.get(name):
                    values[field] = env[name]
                    return

        put("command_prefix", "ASSAY_COMMAND_PREFIX")
        put("model", "ASSAY_MODEL")
        put("api_url", "GITHUB_API_URL")
        put("token", "ASSAY_GITHUB_TOKEN", "GITHUB_TOKEN")
        put("app_id", "ASSAY_GITHUB_APP_ID")
        put("private_key", "ASSAY_GITHUB_PRIVATE_KEY")
        put("repo_skill_path", "ASSAY_REPO_SKILL")
        put("max_event_age_s", "ASSAY_MAX_EVENT_AGE_S")
        put("progress_interval_s", "ASSAY_PROGRESS_INTERVAL_S")
        put("workdir", "ASSAY_WORKDIR")
        put("runs_dir", "ASSAY_RUNS_DIR")
        put("git_author", "ASSAY_GIT_AUTHOR")
        for field, name in (("reply_unauthorized", "ASSAY_REPLY_UNAUTHORIZED"),
                            ("require_sandbox", "ASSAY_REQUIRE_SANDBOX"), ("pace_writes", "ASSAY_PACE_WRITES"),
                            ("install_deps", "ASSAY_INSTALL_DEPS")):
            if env.get(name, "") != "":
                values[field] = env[name].strip().lower() not in ("0", "false", "no", "off")
        if env.get("ASSAY_CLONE_URL"):
            values["clone_url"] = env["ASSAY_CLONE_URL"]
        elif env.get("GITHUB_SERVER_URL"):
            values["clone_url"] = env["GITHUB_SERVER_URL"].rstrip("/") + "/{repo}.git"
        if env.get("ASSAY_BOT_LOGINS"):
            values["own_logins"] = [s.strip() for s in env["ASSAY_BOT_LOGINS"].split(",") if s.strip()]
        if not values.get("private_key") and env.get("ASSAY_GITHUB_PRIVATE_KEY_PATH"):
            path = Path(env["ASSAY_GITHUB_PRIVATE_KEY_PATH"])
            try:
                values["private_key"] = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"cannot read ASSAY_GITHUB_PRIVATE_KEY_PATH {path}: {exc.strerror}") from None
        try:
            return cls.model_validate(values)
        except ValueError as exc:
            first = str(exc).splitlines()
            raise UsageError(f"bad GitHub settings: {' '.join(first[1:3]).strip() or first[0]}") from None

    def uses_app(self) -> bool:
        """True when configured as a GitHub App (app id and key) rather than with a token."""
        return bool(self.app_id and self.private_key)
