from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROOMBOOK_")

    database_url: str = "sqlite:///./roombook.db"
    admin_username: str = "admin"
    admin_password: str
    weekly_quota_hours: int = 10
    max_occurrences: int = 12
