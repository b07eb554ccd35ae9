from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict


class SeedUser(BaseModel):
    name: str
    token: str
    is_admin: bool = False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CARPOOL_")

    database_url: str = "sqlite:///carpool.db"
    users: list[SeedUser] = []
    cancel_cutoff_minutes: int = 60
