from datetime import date
from decimal import Decimal

import pytest


def test_return_goes_back_at_the_original_cost(stocked):
    stocked.issue("BOLT-M6", 120, date(2024, 3, 20))  # 100 @ 0.10 + 20 @ 0.12
    assert stocked.return_to_stock("BOLT-M6", 5, date(2024, 3, 22)) == Decimal("0.60")
    assert stocked.on_hand("BOLT-M6") == 235
    assert [(lot.unit_cost, lot.remaining) for lot in stocked.lots("BOLT-M6")] == [
        (Decimal("0.12"), 35),
        (Decimal("0.15"), 200),
    ]


def test_return_spanning_lots_takes_the_latest_issued_first(stocked):
    stocked.issue("BOLT-M6", 120, date(2024, 3, 20))  # 100 @ 0.10 + 20 @ 0.12
    # 20 back at 0.12, then 10 at 0.10
    assert stocked.return_to_stock("BOLT-M6", 30, date(2024, 3, 22)) == Decimal("3.40")
    assert [(lot.unit_cost, lot.remaining) for lot in stocked.lots("BOLT-M6")] == [
        (Decimal("0.10"), 10),
        (Decimal("0.12"), 50),
        (Decimal("0.15"), 200),
    ]


def test_returns_of_several_issues(inv):
    inv.receive("LAMP", 2, "10.00", date(2024, 5, 1))
    inv.receive("LAMP", 2, "12.00", date(2024, 5, 2))
    inv.issue("LAMP", 1, date(2024, 5, 3))  # @ 10
    inv.issue("LAMP", 2, date(2024, 5, 4))  # @ 10 + @ 12
    assert inv.return_to_stock("LAMP", 1, date(2024, 5, 5)) == Decimal("12.00")
    assert inv.return_to_stock("LAMP", 2, date(2024, 5, 6)) == Decimal("20.00")
    assert inv.value("LAMP") == Decimal("44.00")


def test_returned_units_are_issued_again_in_lot_order(stocked):
    stocked.issue("BOLT-M6", 100, date(2024, 3, 20))
    stocked.return_to_stock("BOLT-M6", 10, date(2024, 3, 21))
    assert stocked.issue("BOLT-M6", 20, date(2024, 3, 22)) == Decimal("2.20")  # 10 @ 0.10 + 10 @ 0.12


def test_return_cost_ignores_later_price_changes(inv):
    inv.receive("LAMP", 2, "10.00", date(2024, 5, 1))
    inv.issue("LAMP", 2, date(2024, 5, 2))
    inv.receive("LAMP", 1, "15.00", date(2024, 5, 3))
    assert inv.return_to_stock("LAMP", 1, date(2024, 5, 4)) == Decimal("10.00")
    assert inv.value("LAMP") == Decimal("25.00")


def test_return_credit_is_rounded_half_up(inv):
    inv.receive("GEL", 3, "0.125", date(2024, 2, 1))
    inv.issue("GEL", 3, date(2024, 2, 1))
    assert inv.return_to_stock("GEL", 1, date(2024, 2, 2)) == Decimal("0.13")


def test_cannot_return_more_than_was_issued(stocked):
    stocked.issue("BOLT-M6", 10, date(2024, 3, 20))
    with pytest.raises(ValueError):
        stocked.return_to_stock("BOLT-M6", 11, date(2024, 3, 21))
    assert stocked.on_hand("BOLT-M6") == 340
    stocked.return_to_stock("BOLT-M6", 10, date(2024, 3, 21))
    with pytest.raises(ValueError):
        stocked.return_to_stock("BOLT-M6", 1, date(2024, 3, 22))


def test_history_records_every_movement(stocked):
    stocked.issue("BOLT-M6", 160, date(2024, 3, 20))
    stocked.return_to_stock("BOLT-M6", 15, date(2024, 3, 21))
    history = stocked.history("BOLT-M6")
    assert [(m.kind, m.on.day, m.quantity, m.amount, m.on_hand) for m in history] == [
        ("receipt", 1, 100, Decimal("10.00"), 100),
        ("receipt", 8, 50, Decimal("6.00"), 150),
        ("receipt", 15, 200, Decimal("30.00"), 350),
        ("issue", 20, 160, Decimal("17.50"), 190),
        ("return", 21, 15, Decimal("2.10"), 205),
    ]


def test_history_is_a_copy(stocked):
    stocked.history("BOLT-M6").clear()
    assert len(stocked.history("BOLT-M6")) == 3


def test_lots_are_copies(stocked):
    stocked.lots("BOLT-M6")[0].remaining = 0
    assert stocked.on_hand("BOLT-M6") == 350
