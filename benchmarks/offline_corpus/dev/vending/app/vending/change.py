"""Change-making from a limited coin box."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum


class Coin(Enum):
    """The coins the machine accepts, valued in cents."""

    NICKEL = 5
    DIME = 10
    QUARTER = 25
    DOLLAR = 100

    @property
    def cents(self) -> int:
        return self.value


def make_change(amount: int, available: Mapping[Coin, int]) -> dict[Coin, int] | None:
    """Pay ``amount`` cents out of ``available`` coins.

    Larger coins are preferred, but the search backs off to smaller ones when a
    greedy pick would leave a remainder the box cannot pay (30 cents from a box of
    quarters and dimes is three dimes). Returns a mapping of coin to count with
    only the coins used, ``{}`` for zero, or ``None`` when the amount cannot be paid.
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    coins = sorted((c for c in available if available[c] > 0), key=lambda c: c.value, reverse=True)
    return _pay(amount, coins, available)


def _pay(amount: int, coins: list[Coin], available: Mapping[Coin, int]) -> dict[Coin, int] | None:
    if amount == 0:
        return {}
    if not coins:
        return None
    coin, rest = coins[0], coins[1:]
    most = min(available[coin], amount // coin.value)
    for count in range(most, -1, -1):
        paid = _pay(amount - count * coin.value, rest, available)
        if paid is not None:
            if count:
                paid[coin] = count
            return paid
    return None


def total(coins: Mapping[Coin, int]) -> int:
    """The value of a coin mapping, in cents."""
    return sum(coin.value * count for coin, count in coins.items())
