from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Read from the environment (`CLINIC_DATABASE_URL`, `CLINIC_SECRET_KEY`, ...) or a `.env` file."""

    model_config = SettingsConfigDict(env_prefix="CLINIC_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./clinic.db"
    secret_key: str
    access_token_minutes: int = 60
    cancel_notice_hours: int = 24


settings = Settings()
