import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    database_url: str
    jwt_secret: str
    token_minutes: int = 30


@lru_cache
def get_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("EVENTS_DATABASE_URL", "sqlite:///./events.db"),
        jwt_secret=os.environ["EVENTS_JWT_SECRET"],
        token_minutes=int(os.environ.get("EVENTS_TOKEN_MINUTES", "30")),
    )
