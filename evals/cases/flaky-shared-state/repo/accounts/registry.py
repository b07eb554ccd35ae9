"""An in-process account registry. It is module state on purpose: the app is a single worker."""

from __future__ import annotations

_accounts: dict[str, dict[str, object]] = {}


class DuplicateAccount(Exception):
    pass


def register(email: str, name: str) -> dict[str, object]:
    key = email.strip().lower()
    if key in _accounts:
        raise DuplicateAccount(key)
    account = {"email": key, "name": name, "active": True}
    _accounts[key] = account
    return account


def deactivate(email: str) -> None:
    _accounts[email.strip().lower()]["active"] = False


def active_count() -> int:
    return sum(1 for a in _accounts.values() if a["active"])


def reset() -> None:
    """Forget every account (start-up and tests)."""
    _accounts.clear()
