from datetime import timedelta
from decimal import Decimal

import pytest

from auction_house import AuctionNotOpen, Status

from .conftest import END, START


def test_new_auction_defaults(lot):
    assert lot.title == "Brass lamp"
    assert lot.status is Status.OPEN
    assert lot.current_price == Decimal("10.00")
    assert lot.minimum_bid == Decimal("10.00")
    assert lot.leader is None
    assert lot.bids == ()
    assert lot.bidders == set()
    assert lot.reserve_met is False
    assert lot.extension == timedelta(minutes=2)


def test_prices_are_normalised_to_cents(make_auction):
    lot = make_auction(starting_price=7, reserve="20.5")
    assert lot.starting_price == Decimal("7.00")
    assert lot.reserve == Decimal("20.50")


@pytest.mark.parametrize(
    "overrides",
    [
        {"ends_at": START},
        {"ends_at": START - timedelta(seconds=1)},
        {"starting_price": "0"},
        {"starting_price": "-5"},
        {"starting_price": "1.005"},
        {"starting_price": 1.5},
        {"reserve": "9.99"},
        {"extension": timedelta(seconds=-1)},
    ],
)
def test_invalid_settings_raise_value_error(make_auction, overrides):
    with pytest.raises(ValueError):
        make_auction(**overrides)


def test_blank_title_is_rejected(make_auction, clock):
    from auction_house import Auction

    with pytest.raises(ValueError):
        Auction("   ", seller="sam", starting_price="1.00", starts_at=START, ends_at=END, clock=clock)


def test_reserve_equal_to_start_is_fine(make_auction):
    assert make_auction(reserve="10.00").reserve == Decimal("10.00")


def test_status_follows_the_clock(lot, clock):
    clock.now = START - timedelta(seconds=1)
    assert lot.status is Status.SCHEDULED
    clock.now = START
    assert lot.status is Status.OPEN
    clock.now = END - timedelta(seconds=1)
    assert lot.status is Status.OPEN
    clock.now = END
    assert lot.status is Status.ENDED


def test_bids_open_exactly_at_the_start(lot, clock):
    clock.now = START
    receipt = lot.place_bid("ann", "10.00")
    assert receipt.leading is True


def test_no_bids_before_the_start(lot, clock):
    clock.now = START - timedelta(microseconds=1)
    with pytest.raises(AuctionNotOpen):
        lot.place_bid("ann", "10.00")


def test_no_bids_at_the_end(lot, clock):
    clock.now = END
    with pytest.raises(AuctionNotOpen):
        lot.place_bid("ann", "10.00")


def test_repr_mentions_title_and_status(lot):
    assert "Brass lamp" in repr(lot)
    assert "open" in repr(lot)
