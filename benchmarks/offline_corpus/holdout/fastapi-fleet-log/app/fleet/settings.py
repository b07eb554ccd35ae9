import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    secret_key: str
    database_url: str = "sqlite:///fleet.db"
    admin_emails: frozenset[str] = field(default_factory=frozenset)
    token_minutes: int = 60
    service_interval_km: int = 10_000

    @classmethod
    def from_env(cls) -> "Settings":
        admins = os.environ.get("FLEET_ADMIN_EMAILS", "")
        return cls(
            secret_key=os.environ["FLEET_SECRET_KEY"],
            database_url=os.environ.get("FLEET_DATABASE_URL", "sqlite:///fleet.db"),
            admin_emails=frozenset(e.strip().lower() for e in admins.split(",") if e.strip()),
        )
