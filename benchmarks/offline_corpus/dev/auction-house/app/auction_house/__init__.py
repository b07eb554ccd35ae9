"""auction_house: English auctions with proxy bidding.

    from auction_house import Auction
    lot = Auction("Brass lamp", seller="sam", starting_price="10.00", starts_at=..., ends_at=...)
    lot.place_bid("ann", "25.00")
"""

from .auction import Auction, Bid, BidReceipt, Result, Status
from .errors import AuctionError, AuctionNotOpen, BidTooLow, InvalidBid, NotPermitted, StillRunning
from .increments import DEFAULT_INCREMENTS, increment_for

__all__ = [
    "DEFAULT_INCREMENTS",
    "Auction",
    "AuctionError",
    "AuctionNotOpen",
    "Bid",
    "BidReceipt",
    "BidTooLow",
    "InvalidBid",
    "NotPermitted",
    "Result",
    "StillRunning",
    "Status",
    "increment_for",
]
