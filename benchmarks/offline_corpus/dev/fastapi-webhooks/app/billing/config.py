import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    webhook_secret: str
    admin_api_key: str
    database: str


def load_settings() -> Settings:
    """Read the settings from the environment; the two secrets are required."""
    return Settings(
        webhook_secret=os.environ["BILLING_WEBHOOK_SECRET"],
        admin_api_key=os.environ["BILLING_ADMIN_API_KEY"],
        database=os.environ.get("BILLING_DATABASE", "billing.sqlite3"),
    )
