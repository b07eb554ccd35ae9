"""Balances with optimistic concurrency: every write names the version it read, so a stale write is refused
instead of silently overwriting someone else's update (a lost update)."""

from __future__ import annotations

from dataclasses import dataclass


class Conflict(Exception):
    """The balance changed since it was read: read again and retry."""


class UnknownAccount(KeyError):
    pass


@dataclass(frozen=True)
class Snapshot:
    balance: int
    version: int


class Ledger:
    def __init__(self) -> None:
        self._rows: dict[str, Snapshot] = {}

    def open(self, account: str, balance: int = 0) -> Snapshot:
        if account in self._rows:
            raise ValueError(f"{account} already exists")
        self._rows[account] = Snapshot(balance, 1)
        return self._rows[account]

    def read(self, account: str) -> Snapshot:
        try:
            return self._rows[account]
        except KeyError:
            raise UnknownAccount(account) from None

    def write(self, account: str, balance: int, expected_version: int) -> Snapshot:
        """Store `balance` if the account is still at `expected_version`; returns the new snapshot."""
        current = self.read(account)
        if current.version != expected_version:
            raise Conflict(f"{account} is at version {current.version}, not {expected_version}")
        if balance < 0:
            raise ValueError("balance cannot go negative")
        self._rows[account] = Snapshot(balance, current.version + 1)
        return self._rows[account]
