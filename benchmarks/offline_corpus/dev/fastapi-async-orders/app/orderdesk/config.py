from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ORDERDESK_")

    admin_token: str
    max_quantity: int = 100


@lru_cache
def get_settings() -> Settings:
    return Settings()
