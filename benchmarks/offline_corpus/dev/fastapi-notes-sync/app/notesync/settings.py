from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Read from NOTESYNC_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="NOTESYNC_")

    session_ttl_seconds: int = 3600
    trash_retention_days: int = 30
