from datetime import timedelta
from decimal import Decimal

import pytest

from auction_house import AuctionError, BidTooLow, InvalidBid

from .conftest import END


def test_first_bid_leads_at_the_starting_price(lot):
    receipt = lot.place_bid("ann", "25.00")
    assert receipt.leading is True
    assert receipt.price == Decimal("10.00")
    assert lot.leader == "ann"
    assert lot.current_price == Decimal("10.00")


def test_first_bid_may_equal_the_starting_price(lot):
    assert lot.place_bid("ann", "10.00").leading


def test_first_bid_below_the_starting_price(lot):
    with pytest.raises(BidTooLow) as info:
        lot.place_bid("ann", "9.99")
    assert info.value.minimum == Decimal("10.00")
    assert info.value.amount == Decimal("9.99")
    assert lot.bids == ()


def test_bid_too_low_is_an_invalid_bid_and_an_auction_error():
    assert issubclass(BidTooLow, InvalidBid)
    assert issubclass(InvalidBid, AuctionError)


def test_challenger_outbids_the_leader(lot):
    lot.place_bid("ann", "20.00")
    receipt = lot.place_bid("bob", "30.00")
    assert receipt.leading is True
    assert lot.leader == "bob"
    # ann's maximum plus one increment at 20.00 (0.50)
    assert lot.current_price == Decimal("20.50")


def test_outbid_price_is_capped_at_the_new_maximum(lot):
    lot.place_bid("ann", "20.00")
    lot.place_bid("bob", "20.25")
    assert lot.leader == "bob"
    assert lot.current_price == Decimal("20.25")


def test_losing_challenger_pushes_the_price_up(lot):
    lot.place_bid("ann", "50.00")
    receipt = lot.place_bid("bob", "30.00")
    assert receipt.leading is False
    assert lot.leader == "ann"
    # bob's 30.00 plus the 1.00 increment at 30.00
    assert receipt.price == Decimal("31.00")


def test_losing_challenger_price_capped_at_the_leaders_maximum(lot):
    lot.place_bid("ann", "30.50")
    lot.place_bid("bob", "30.00")
    assert lot.current_price == Decimal("30.50")


def test_tie_goes_to_the_earlier_bid(lot):
    lot.place_bid("ann", "40.00")
    receipt = lot.place_bid("bob", "40.00")
    assert receipt.leading is False
    assert lot.leader == "ann"
    assert lot.current_price == Decimal("40.00")


def test_minimum_bid_uses_the_increment_at_the_current_price(lot):
    lot.place_bid("ann", "50.00")
    lot.place_bid("bob", "24.50")  # price becomes 24.50 + 0.50 = 25.00
    assert lot.current_price == Decimal("25.00")
    assert lot.minimum_bid == Decimal("26.00")


def test_challenger_below_the_minimum(lot):
    lot.place_bid("ann", "50.00")
    with pytest.raises(BidTooLow) as info:
        lot.place_bid("bob", "10.25")
    assert info.value.minimum == Decimal("10.50")


def test_challenger_exactly_at_the_minimum_is_accepted(lot):
    lot.place_bid("ann", "50.00")
    receipt = lot.place_bid("bob", "10.50")
    assert receipt.leading is False
    assert receipt.price == Decimal("11.00")


def test_leader_raising_their_maximum_keeps_the_price(lot):
    lot.place_bid("ann", "20.00")
    lot.place_bid("bob", "15.00")
    assert lot.current_price == Decimal("15.50")
    receipt = lot.place_bid("ann", "80.00")
    assert receipt.leading is True
    assert lot.current_price == Decimal("15.50")
    assert lot.leader == "ann"


def test_leader_cannot_lower_or_repeat_their_maximum(lot):
    lot.place_bid("ann", "20.00")
    with pytest.raises(InvalidBid):
        lot.place_bid("ann", "20.00")
    with pytest.raises(InvalidBid):
        lot.place_bid("ann", "15.00")


def test_seller_cannot_bid(lot):
    with pytest.raises(InvalidBid):
        lot.place_bid("sam", "12.00")
    assert lot.leader is None
    assert lot.bids == ()


@pytest.mark.parametrize("amount", ["0", "-1", "abc", "12.345", 12.5, None, True, "NaN"])
def test_malformed_amounts(lot, amount):
    with pytest.raises(InvalidBid):
        lot.place_bid("ann", amount)


def test_history_records_each_accepted_bid(lot, clock):
    lot.place_bid("ann", "20.00")
    clock.advance(minutes=5)
    lot.place_bid("bob", 25)
    with pytest.raises(BidTooLow):
        lot.place_bid("cat", "11.00")
    assert [(b.bidder, b.amount) for b in lot.bids] == [("ann", Decimal("20.00")), ("bob", Decimal("25.00"))]
    assert lot.bids[1].at - lot.bids[0].at == timedelta(minutes=5)
    assert lot.bidders == {"ann", "bob"}


def test_bidding_war_through_several_bands(lot):
    lot.place_bid("ann", "99.00")
    lot.place_bid("bob", "120.00")
    assert lot.current_price == Decimal("100.00")
    lot.place_bid("cat", "110.00")
    assert lot.leader == "bob"
    assert lot.current_price == Decimal("112.50")


def test_reserve_not_met_by_a_low_maximum(make_auction):
    lot = make_auction(reserve="100.00")
    lot.place_bid("ann", "60.00")
    assert lot.reserve_met is False
    assert lot.current_price == Decimal("10.00")


def test_price_jumps_to_the_reserve_when_a_maximum_meets_it(make_auction):
    lot = make_auction(reserve="100.00")
    receipt = lot.place_bid("ann", "150.00")
    assert lot.reserve_met is True
    assert receipt.price == Decimal("100.00")


def test_price_jumps_to_the_reserve_when_the_leader_raises(make_auction):
    lot = make_auction(reserve="100.00")
    lot.place_bid("ann", "60.00")
    lot.place_bid("ann", "100.00")
    assert lot.current_price == Decimal("100.00")
    assert lot.reserve_met is True


def test_late_bid_extends_the_auction(lot, clock):
    clock.now = END - timedelta(seconds=30)
    receipt = lot.place_bid("ann", "20.00")
    assert receipt.ends_at == clock.now + timedelta(minutes=2)
    assert lot.ends_at == END + timedelta(seconds=90)


def test_bid_exactly_at_the_extension_window(lot, clock):
    clock.now = END - timedelta(minutes=2)
    lot.place_bid("ann", "20.00")
    assert lot.ends_at == END


def test_early_bid_does_not_extend(lot, clock):
    clock.now = END - timedelta(minutes=2, seconds=1)
    lot.place_bid("ann", "20.00")
    assert lot.ends_at == END


def test_extension_allows_bids_after_the_original_end(lot, clock):
    clock.now = END - timedelta(seconds=10)
    lot.place_bid("ann", "20.00")
    clock.now = END + timedelta(seconds=60)
    receipt = lot.place_bid("bob", "30.00")
    assert receipt.leading is True
    assert lot.ends_at == clock.now + timedelta(minutes=2)


def test_zero_extension_never_extends(make_auction, clock):
    lot = make_auction(extension=timedelta(0))
    clock.now = END - timedelta(seconds=1)
    lot.place_bid("ann", "20.00")
    assert lot.ends_at == END
