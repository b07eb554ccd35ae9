from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROJECTS_")

    secret_key: str
    access_token_minutes: int = 30
    database_url: str = "sqlite:///./projects.db"
    trash_retention_days: int = 7


@lru_cache
def get_settings() -> Settings:
    return Settings()
