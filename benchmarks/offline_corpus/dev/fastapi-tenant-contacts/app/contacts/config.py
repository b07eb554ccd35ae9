from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONTACTS_")

    # "key:tenant,key:tenant"
    api_keys: str = ""
    default_per_page: int = 20
    max_per_page: int = 100

    def key_map(self) -> dict[str, str]:
        pairs = (item.split(":", 1) for item in self.api_keys.split(",") if ":" in item)
        return {key.strip(): tenant.strip() for key, tenant in pairs if key.strip()}


@lru_cache
def get_settings() -> Settings:
    return Settings()
