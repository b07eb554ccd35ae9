"""The token a job acts with: the configured one, or a GitHub App installation token minted per event."""

from __future__ import annotations

from agent.errors import UsageError
from agent.github.api import installation_token
from agent.github.config import GitHubSettings


def resolve_token(settings: GitHubSettings, installation_id: int | None) -> str:
    """An installation token when configured as an App (JWT -> token), else the configured token."""
    if settings.uses_app():
        if installation_id is None:
            raise UsageError("configured as a GitHub App, but the event carries no installation id")
        assert settings.app_id and settings.private_key
        return installation_token(settings.api_url, settings.app_id, settings.private_key.get_secret_value(),
                                  installation_id)
    if settings.token is None:
        raise UsageError("no GitHub credentials: set GITHUB_TOKEN (Actions: `${{ secrets.GITHUB_TOKEN }}`) or "
                         "ASSAY_GITHUB_APP_ID with ASSAY_GITHUB_PRIVATE_KEY")
    return settings.token.get_secret_value()
