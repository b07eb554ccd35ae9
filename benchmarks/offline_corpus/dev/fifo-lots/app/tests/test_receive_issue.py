from datetime import date
from decimal import Decimal

import pytest

from fifo_lots import InsufficientStock, InventoryError


def test_receive_adds_on_hand_and_value(inv):
    inv.receive("NUT", 40, "0.25", date(2024, 1, 5))
    inv.receive("NUT", 10, Decimal("0.30"), date(2024, 1, 6))
    assert inv.on_hand("NUT") == 50
    assert inv.value("NUT") == Decimal("13.00")


def test_unknown_sku_has_nothing(inv):
    assert inv.on_hand("NOPE") == 0
    assert inv.value("NOPE") == Decimal("0.00")
    assert inv.history("NOPE") == []


def test_issue_takes_the_oldest_lot_first(stocked):
    assert stocked.issue("BOLT-M6", 30, date(2024, 3, 20)) == Decimal("3.00")
    assert [(lot.received_on.day, lot.remaining) for lot in stocked.lots("BOLT-M6")] == [
        (1, 70),
        (8, 50),
        (15, 200),
    ]


def test_issue_spanning_lots(stocked):
    # 100 x 0.10 + 50 x 0.12 + 10 x 0.15
    assert stocked.issue("BOLT-M6", 160, date(2024, 3, 20)) == Decimal("17.50")
    assert stocked.on_hand("BOLT-M6") == 190
    assert stocked.value("BOLT-M6") == Decimal("28.50")
    assert [lot.remaining for lot in stocked.lots("BOLT-M6")] == [190]


def test_consecutive_issues_continue_where_the_last_stopped(stocked):
    stocked.issue("BOLT-M6", 90, date(2024, 3, 20))
    assert stocked.issue("BOLT-M6", 20, date(2024, 3, 21)) == Decimal("2.20")  # 10 x 0.10 + 10 x 0.12


def test_issue_everything_on_hand(stocked):
    assert stocked.issue("BOLT-M6", 350, date(2024, 3, 31)) == Decimal("46.00")
    assert stocked.on_hand("BOLT-M6") == 0
    assert stocked.value("BOLT-M6") == Decimal("0.00")
    assert stocked.lots("BOLT-M6") == []


def test_cost_is_rounded_half_up(inv):
    inv.receive("GEL", 1, "0.125", date(2024, 2, 1))
    assert inv.issue("GEL", 1, date(2024, 2, 1)) == Decimal("0.13")


def test_cost_is_rounded_once_on_the_total(inv):
    inv.receive("INK", 1, "1.125", date(2024, 2, 1))
    inv.receive("INK", 1, "2.125", date(2024, 2, 2))
    # 3.250 exactly; rounding each lot first would give 1.13 + 2.13 = 3.26
    assert inv.issue("INK", 2, date(2024, 2, 3)) == Decimal("3.25")


def test_unit_costs_keep_their_precision(inv):
    inv.receive("SHEET", 3, "0.3333", date(2024, 2, 1))
    assert inv.value("SHEET") == Decimal("1.00")
    assert inv.issue("SHEET", 2, date(2024, 2, 1)) == Decimal("0.67")


def test_back_dated_receipt_is_consumed_first(inv):
    inv.receive("CABLE", 5, "4.00", date(2024, 4, 10))
    inv.receive("CABLE", 5, "3.00", date(2024, 4, 2))  # entered late, received earlier
    assert inv.issue("CABLE", 5, date(2024, 4, 12)) == Decimal("15.00")
    assert [lot.unit_cost for lot in inv.lots("CABLE")] == [Decimal("4.00")]


def test_same_day_lots_in_the_order_received(inv):
    inv.receive("PIN", 2, "1.00", date(2024, 4, 1))
    inv.receive("PIN", 2, "2.00", date(2024, 4, 1))
    assert inv.issue("PIN", 3, date(2024, 4, 1)) == Decimal("4.00")


def test_insufficient_stock_changes_nothing(stocked):
    before = stocked.lots("BOLT-M6")
    with pytest.raises(InsufficientStock) as info:
        stocked.issue("BOLT-M6", 351, date(2024, 3, 31))
    assert (info.value.sku, info.value.requested, info.value.available) == ("BOLT-M6", 351, 350)
    assert isinstance(info.value, InventoryError)
    assert stocked.lots("BOLT-M6") == before
    assert len(stocked.history("BOLT-M6")) == 3


def test_issue_of_an_unknown_sku(inv):
    with pytest.raises(InsufficientStock) as info:
        inv.issue("GHOST", 1, date(2024, 1, 1))
    assert info.value.available == 0


def test_issue_dated_before_a_lot_it_needs(stocked):
    # 120 units need the lot of 8 March; the issue is dated 5 March.
    with pytest.raises(ValueError):
        stocked.issue("BOLT-M6", 120, date(2024, 3, 5))
    assert stocked.on_hand("BOLT-M6") == 350
    assert [lot.remaining for lot in stocked.lots("BOLT-M6")] == [100, 50, 200]
    assert len(stocked.history("BOLT-M6")) == 3


def test_issue_dated_before_later_lots_it_does_not_need(stocked):
    assert stocked.issue("BOLT-M6", 100, date(2024, 3, 5)) == Decimal("10.00")


def test_issue_on_the_day_of_the_receipt(stocked):
    assert stocked.issue("BOLT-M6", 151, date(2024, 3, 15)) == Decimal("16.15")


@pytest.mark.parametrize("qty", [0, -5])
def test_non_positive_quantities_are_refused(stocked, qty):
    with pytest.raises(ValueError):
        stocked.receive("BOLT-M6", qty, "0.10", date(2024, 3, 20))
    with pytest.raises(ValueError):
        stocked.issue("BOLT-M6", qty, date(2024, 3, 20))
    with pytest.raises(ValueError):
        stocked.return_to_stock("BOLT-M6", qty, date(2024, 3, 20))
    assert stocked.on_hand("BOLT-M6") == 350


def test_fractional_quantities_are_refused(inv):
    with pytest.raises(TypeError):
        inv.receive("NUT", 1.5, "0.10", date(2024, 1, 1))


def test_negative_cost_is_refused_but_zero_is_allowed(inv):
    with pytest.raises(ValueError):
        inv.receive("NUT", 1, "-0.01", date(2024, 1, 1))
    inv.receive("SAMPLE", 3, "0", date(2024, 1, 1))
    assert inv.issue("SAMPLE", 1, date(2024, 1, 2)) == Decimal("0.00")


def test_float_costs_are_refused(inv):
    with pytest.raises(TypeError):
        inv.receive("NUT", 1, 0.1, date(2024, 1, 1))


def test_blank_sku_is_refused(inv):
    with pytest.raises(ValueError):
        inv.receive("  ", 1, "1.00", date(2024, 1, 1))


def test_skus_are_kept_apart(stocked):
    stocked.receive("WASHER", 10, "0.05", date(2024, 3, 2))
    stocked.issue("WASHER", 4, date(2024, 3, 3))
    assert stocked.on_hand("BOLT-M6") == 350
    assert stocked.skus() == ["BOLT-M6", "WASHER"]
    assert stocked.total_value() == Decimal("46.30")
