from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OUTBOX_")

    database_path: str = "outbox.db"
    # Comma-separated "key=name" pairs, e.g. "k1=billing,k2=alerts".
    api_keys: str = ""
    rate_limit_per_minute: int = 30

    def parsed_api_keys(self) -> dict[str, str]:
        keys: dict[str, str] = {}
        for pair in self.api_keys.split(","):
            if not pair.strip():
                continue
            key, sep, name = pair.partition("=")
            key, name = key.strip(), name.strip()
            if not sep or not key or not name:
                raise ValueError(f"bad OUTBOX_API_KEYS entry: {pair!r}")
            keys[key] = name
        return keys


@lru_cache
def get_settings() -> Settings:
    return Settings()
