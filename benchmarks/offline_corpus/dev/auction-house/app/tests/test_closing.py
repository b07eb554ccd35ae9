from datetime import timedelta
from decimal import Decimal

import pytest

from auction_house import AuctionError, AuctionNotOpen, NotPermitted, Result, StillRunning, Status

from .conftest import END


def test_close_before_the_end(lot, clock):
    clock.now = END - timedelta(seconds=1)
    with pytest.raises(StillRunning):
        lot.close()


def test_close_with_a_winner(lot, clock):
    lot.place_bid("ann", "20.00")
    lot.place_bid("bob", "30.00")
    clock.now = END
    result = lot.close()
    assert result == Result(winner="bob", price=Decimal("20.50"), reserve_met=True)
    assert lot.status is Status.CLOSED


def test_close_without_bids(lot, clock):
    clock.now = END
    assert lot.close() == Result(winner=None, price=None, reserve_met=False)


def test_close_with_reserve_not_met(make_auction, clock):
    lot = make_auction(reserve="100.00")
    lot.place_bid("ann", "99.00")
    clock.now = END
    result = lot.close()
    assert result.winner is None
    assert result.price is None
    assert result.reserve_met is False


def test_close_with_reserve_met_exactly(make_auction, clock):
    lot = make_auction(reserve="100.00")
    lot.place_bid("ann", "100.00")
    clock.now = END
    assert lot.close() == Result(winner="ann", price=Decimal("100.00"), reserve_met=True)


def test_close_is_idempotent(lot, clock):
    lot.place_bid("ann", "20.00")
    clock.now = END
    first = lot.close()
    clock.advance(days=1)
    assert lot.close() is first


def test_no_bids_after_closing(lot, clock):
    clock.now = END
    lot.close()
    with pytest.raises(AuctionNotOpen):
        lot.place_bid("ann", "20.00")


def test_close_waits_for_an_extended_end(lot, clock):
    clock.now = END - timedelta(seconds=30)
    lot.place_bid("ann", "20.00")
    clock.now = END
    with pytest.raises(StillRunning):
        lot.close()
    clock.now = END + timedelta(seconds=90)
    assert lot.close().winner == "ann"


def test_seller_cancels_before_any_bid(lot):
    lot.cancel(by="sam")
    assert lot.status is Status.CANCELLED
    with pytest.raises(AuctionNotOpen):
        lot.place_bid("ann", "20.00")
    with pytest.raises(AuctionNotOpen):
        lot.close()


def test_only_the_seller_may_cancel(lot):
    with pytest.raises(NotPermitted):
        lot.cancel(by="ann")
    assert lot.status is Status.OPEN


def test_cannot_cancel_once_bid_on(lot):
    lot.place_bid("ann", "20.00")
    with pytest.raises(AuctionError):
        lot.cancel(by="sam")
    assert lot.status is Status.OPEN


def test_cannot_cancel_twice_or_after_closing(lot, clock):
    lot.cancel(by="sam")
    with pytest.raises(AuctionNotOpen):
        lot.cancel(by="sam")


def test_cannot_cancel_a_closed_auction(lot, clock):
    clock.now = END
    lot.close()
    with pytest.raises(AuctionNotOpen):
        lot.cancel(by="sam")
    assert lot.status is Status.CLOSED


def test_scheduled_auction_can_be_cancelled(lot, clock):
    clock.now = clock.now - timedelta(days=1)
    assert lot.status is Status.SCHEDULED
    lot.cancel(by="sam")
    assert lot.status is Status.CANCELLED
