from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRANTS_")

    database_url: str = "sqlite:///./grants.db"
    secret_key: str = "change-me-in-production-please-0123456789"
    access_token_minutes: int = 30
    open_application_quota: int = 3
    max_amount: int = 50_000


settings = Settings()
