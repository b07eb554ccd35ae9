"""The Auction class: an English auction with proxy (maximum) bids.

Bidders give the most they are willing to pay; the auction bids on their behalf, just enough to keep them in the
lead. The current price is therefore the runner-up's maximum plus one increment, capped at the leader's maximum.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from .errors import AuctionError, AuctionNotOpen, BidTooLow, InvalidBid, NotPermitted, StillRunning
from .increments import DEFAULT_INCREMENTS, increment_for

CENT = Decimal("0.01")


class Status(enum.Enum):
    SCHEDULED = "scheduled"
    OPEN = "open"
    ENDED = "ended"  # past its end time, not closed yet
    CLOSED = "closed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Bid:
    """An accepted bid: who, their maximum, and when it was placed."""

    bidder: str
    amount: Decimal
    at: datetime


@dataclass(frozen=True)
class BidReceipt:
    """What a bidder is told after placing a bid."""

    leading: bool
    price: Decimal
    ends_at: datetime


@dataclass(frozen=True)
class Result:
    """The outcome of a closed auction. `winner` and `price` are None when nothing was sold."""

    winner: str | None
    price: Decimal | None
    reserve_met: bool


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _money(value: object, what: str = "amount") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise InvalidBid(f"{what} must be a Decimal, an int or a string, not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise InvalidBid(f"{what} {value!r} is not a number") from None
    if not amount.is_finite() or amount <= 0:
        raise InvalidBid(f"{what} must be positive")
    if amount != amount.quantize(CENT):
        raise InvalidBid(f"{what} {value} has more than two decimal places")
    return amount.quantize(CENT)


class Auction:
    """One lot sold by English auction with proxy bidding.

    >>> from datetime import datetime, timezone
    >>> start = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)
    >>> lot = Auction("Brass lamp", seller="sam", starting_price="10.00",
    ...               starts_at=start, ends_at=start + timedelta(days=1), clock=lambda: start)
    >>> lot.place_bid("ann", "20.00").price
    Decimal('10.00')
    """

    def __init__(
        self,
        title: str,
        *,
        seller: str,
        starting_price: Decimal | int | str,
        starts_at: datetime,
        ends_at: datetime,
        reserve: Decimal | int | str | None = None,
        extension: timedelta = timedelta(minutes=2),
        increments: Sequence[tuple[Decimal | None, Decimal]] = DEFAULT_INCREMENTS,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        if not title.strip():
            raise ValueError("title must not be blank")
        if ends_at <= starts_at:
            raise ValueError("ends_at must be after starts_at")
        if extension < timedelta(0):
            raise ValueError("extension must not be negative")
        try:
            self.starting_price = _money(starting_price, "starting_price")
            self.reserve = None if reserve is None else _money(reserve, "reserve")
        except InvalidBid as exc:
            raise ValueError(str(exc)) from None
        if self.reserve is not None and self.reserve < self.starting_price:
            raise ValueError("reserve must not be below the starting price")
        self.title = title
        self.seller = seller
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.extension = extension
        self._increments = tuple(increments)
        self._clock = clock
        self._bids: list[Bid] = []
        self._leader: str | None = None
        self._leader_max: Decimal | None = None
        self._price = self.starting_price
        self._cancelled = False
        self._result: Result | None = None

    # -- state -------------------------------------------------------------------------------------------------------

    @property
    def status(self) -> Status:
        if self._cancelled:
            return Status.CANCELLED
        if self._result is not None:
            return Status.CLOSED
        now = self._clock()
        if now < self.starts_at:
            return Status.SCHEDULED
        if now >= self.ends_at:
            return Status.ENDED
        return Status.OPEN

    @property
    def current_price(self) -> Decimal:
        """The price the leader would pay now (the starting price before any bid)."""
        return self._price

    @property
    def leader(self) -> str | None:
        return self._leader

    @property
    def bids(self) -> tuple[Bid, ...]:
        return tuple(self._bids)

    @property
    def bidders(self) -> set[str]:
        return {bid.bidder for bid in self._bids}

    @property
    def minimum_bid(self) -> Decimal:
        """The lowest amount a new bidder may offer now."""
        if self._leader is None:
            return self.starting_price
        return self._price + increment_for(self._price, self._increments)

    @property
    def reserve_met(self) -> bool:
        if self.reserve is None:
            return self._leader is not None
        return self._leader_max is not None and self._leader_max >= self.reserve

    # -- actions -----------------------------------------------------------------------------------------------------

    def place_bid(self, bidder: str, amount: Decimal | int | str) -> BidReceipt:
        """Place a maximum bid of `amount` for `bidder`.

        Raises AuctionNotOpen outside the bidding window, InvalidBid for a malformed amount, a bid by the seller or a
        leader lowering their own maximum, and BidTooLow below `minimum_bid`. A bid accepted when `extension` or less
        remains pushes the end time to `extension` after the bid.
        """
        if self.status is not Status.OPEN:
            raise AuctionNotOpen(f"{self.title!r} is not open for bids ({self.status.value})")
        now = self._clock()
        value = _money(amount)
        if bidder == self.seller:
            raise InvalidBid("the seller cannot bid on their own lot")

        if self._leader is None:
            if value < self.starting_price:
                raise BidTooLow(value, self.starting_price)
            self._leader, self._leader_max = bidder, value
        elif bidder == self._leader:
            assert self._leader_max is not None
            if value <= self._leader_max:
                raise InvalidBid(f"your maximum is already {self._leader_max}; a new one must be higher")
            self._leader_max = value
        else:
            assert self._leader_max is not None
            minimum = self.minimum_bid
            if value < minimum:
                raise BidTooLow(value, minimum)
            if value > self._leader_max:
                step = increment_for(self._leader_max, self._increments)
                self._price = min(value, self._leader_max + step)
                self._leader, self._leader_max = bidder, value
            else:
                # The leader's proxy answers; on a tie the earlier bid keeps the lead.
                step = increment_for(value, self._increments)
                self._price = min(self._leader_max, value + step)

        if self.reserve is not None and self._leader_max >= self.reserve:
            self._price = max(self._price, self.reserve)

        self._bids.append(Bid(bidder=bidder, amount=value, at=now))
        if self.ends_at - now <= self.extension:
            self.ends_at = now + self.extension
        return BidReceipt(leading=self._leader == bidder, price=self._price, ends_at=self.ends_at)

    def close(self) -> Result:
        """Settle the auction once its end time has passed. Closing again returns the same result."""
        if self._result is not None:
            return self._result
        if self._cancelled:
            raise AuctionNotOpen(f"{self.title!r} was cancelled")
        if self._clock() < self.ends_at:
            raise StillRunning(f"{self.title!r} runs until {self.ends_at.isoformat()}")
        if self._leader is not None and self.reserve_met:
            self._result = Result(winner=self._leader, price=self._price, reserve_met=True)
        else:
            self._result = Result(winner=None, price=None, reserve_met=False)
        return self._result

    def cancel(self, *, by: str) -> None:
        """Withdraw the lot. Only the seller may, and only while nobody has bid."""
        if by != self.seller:
            raise NotPermitted("only the seller can cancel an auction")
        if self._result is not None or self._cancelled:
            raise AuctionNotOpen(f"{self.title!r} is already {self.status.value}")
        if self._bids:
            raise AuctionError("an auction with bids cannot be cancelled")
        self._cancelled = True

    def __repr__(self) -> str:
        return f"Auction({self.title!r}, status={self.status.value}, price={self._price})"
