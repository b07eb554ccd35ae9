from functools import lru_cache

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class SeedUser(BaseModel):
    username: str
    password: str
    scopes: list[str] = Field(default_factory=lambda: ["issues:read"])


class Settings(BaseSettings):
    """Read from TRACKER_* environment variables; TRACKER_USERS is a JSON list of users to create at start-up."""

    model_config = SettingsConfigDict(env_prefix="TRACKER_")

    secret_key: str = "dev-only-secret-change-me-in-production"
    algorithm: str = "HS256"
    token_minutes: int = 30
    reopen_window_days: int = 7
    max_per_page: int = 100
    users: list[SeedUser] = Field(default_factory=list)


@lru_cache
def get_settings() -> Settings:
    return Settings()
