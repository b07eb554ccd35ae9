"""Exceptions raised by auction_house. Catch AuctionError to handle them all."""

from __future__ import annotations

from decimal import Decimal


class AuctionError(Exception):
    """Base class of every error this library raises."""


class AuctionNotOpen(AuctionError):
    """The auction is not taking bids: it has not started, has ended, or was cancelled."""


class StillRunning(AuctionError):
    """The auction cannot be closed before its end time."""


class InvalidBid(AuctionError):
    """The bid is malformed or not allowed (bad amount, the seller bidding, a lowered maximum)."""


class BidTooLow(InvalidBid):
    """The bid is below the minimum the auction accepts; `minimum` is the lowest acceptable amount."""

    def __init__(self, amount: Decimal, minimum: Decimal) -> None:
        super().__init__(f"bid {amount} is below the minimum of {minimum}")
        self.amount = amount
        self.minimum = minimum


class NotPermitted(AuctionError):
    """The caller is not allowed to do this (only the seller may cancel)."""
