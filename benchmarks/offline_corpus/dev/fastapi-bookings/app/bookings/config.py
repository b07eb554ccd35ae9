from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Read from BOOKINGS_* environment variables (or a .env file)."""

    model_config = SettingsConfigDict(env_prefix="BOOKINGS_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./bookings.db"
    # When set, an "admin" user with this API key is created at start-up if it does not exist yet.
    admin_api_key: str | None = None
    max_booking_minutes: int = 240


@lru_cache
def get_settings() -> Settings:
    return Settings()
