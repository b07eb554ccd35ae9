import os
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    # API key -> tenant. From INVENTORY_API_KEYS, e.g. "k-3f9a:acme,k-77b1:globex".
    api_keys: dict[str, str] = field(default_factory=dict)
    # Seconds a reservation holds its stock before it lapses.
    reservation_ttl: int = 900
    # Items at or below this quantity count as low stock.
    low_stock_threshold: int = 5


def parse_api_keys(raw: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for entry in raw.split(","):
        entry = entry.strip()
        if not entry:
            continue
        key, sep, tenant = entry.partition(":")
        if not sep or not key.strip() or not tenant.strip():
            raise ValueError(f"INVENTORY_API_KEYS: expected key:tenant, got {entry!r}")
        keys[key.strip()] = tenant.strip()
    return keys


@lru_cache
def get_settings() -> Settings:
    return Settings(
        api_keys=parse_api_keys(os.environ.get("INVENTORY_API_KEYS", "")),
        reservation_ttl=int(os.environ.get("INVENTORY_RESERVATION_TTL", "900")),
        low_stock_threshold=int(os.environ.get("INVENTORY_LOW_STOCK_THRESHOLD", "5")),
    )
