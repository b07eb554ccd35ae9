from decimal import Decimal

import pytest

from cellar import Cellar, CellarError, CellarFull, Colour, DuplicateLot, NotEnoughBottles, UnknownLot
from tests.conftest import lot


def test_counts(cellar):
    assert len(cellar) == 3
    assert cellar.bottles == 13
    assert cellar.free == 11
    assert "CAVA-NV" in cellar


def test_lot_validation():
    with pytest.raises(ValueError):
        lot(quantity=0)
    with pytest.raises(ValueError):
        lot(price="-1")
    with pytest.raises(ValueError):
        lot(drink_from=2030, drink_until=2025)


def test_duplicate_code_refused(cellar):
    with pytest.raises(DuplicateLot) as info:
        cellar.add(lot("CAVA-NV", 1, "5.00"))
    assert isinstance(info.value, ValueError)
    assert cellar.get("CAVA-NV").price == Decimal("9.99")
    assert cellar.bottles == 13


def test_fill_exactly_to_capacity(cellar):
    cellar.add(lot("PORT-00", 11, "40.00", Colour.FORTIFIED))
    assert cellar.free == 0


def test_over_capacity_refused(cellar):
    with pytest.raises(CellarFull) as info:
        cellar.add(lot("PORT-00", 12, "40.00", Colour.FORTIFIED))
    assert info.value.free == 11
    assert info.value.requested == 12
    assert "PORT-00" not in cellar


def test_no_capacity_means_unlimited():
    c = Cellar()
    c.add(lot(quantity=500))
    assert c.free is None


def test_remove_some(cellar):
    assert cellar.remove("RIOJA-18", 2) == 4
    assert cellar.get("RIOJA-18").quantity == 4
    assert cellar.bottles == 11


def test_remove_last_bottle_drops_the_lot(cellar):
    assert cellar.remove("CHABLIS-21", 3) == 0
    assert "CHABLIS-21" not in cellar
    assert len(cellar) == 2
    with pytest.raises(UnknownLot):
        cellar.get("CHABLIS-21")


def test_remove_too_many(cellar):
    with pytest.raises(NotEnoughBottles) as info:
        cellar.remove("CHABLIS-21", 4)
    assert info.value.available == 3
    assert info.value.requested == 4
    assert cellar.get("CHABLIS-21").quantity == 3


def test_unknown_lot_is_a_key_error(cellar):
    with pytest.raises(KeyError):
        cellar.remove("MERLOT-99")
    with pytest.raises(CellarError):
        cellar.get("MERLOT-99")


def test_remove_count_must_be_positive(cellar):
    with pytest.raises(ValueError):
        cellar.remove("RIOJA-18", 0)


def test_query_by_colour(cellar):
    assert [l.code for l in cellar.query(colour=Colour.WHITE)] == ["CHABLIS-21"]


def test_query_orders_by_vintage_with_nv_last(cellar):
    assert [l.code for l in cellar.query()] == ["RIOJA-18", "CHABLIS-21", "CAVA-NV"]


def test_query_ready_in_includes_both_ends(cellar):
    assert [l.code for l in cellar.query(ready_in=2026)] == ["RIOJA-18", "CHABLIS-21", "CAVA-NV"]
    assert [l.code for l in cellar.query(ready_in=2027)] == ["RIOJA-18", "CAVA-NV"]
    assert [l.code for l in cellar.query(ready_in=2022)] == ["RIOJA-18", "CAVA-NV"]
    assert [l.code for l in cellar.query(ready_in=2021)] == ["CAVA-NV"]


def test_query_max_price(cellar):
    assert [l.code for l in cellar.query(max_price=Decimal("18.50"))] == ["RIOJA-18", "CAVA-NV"]


def test_value(cellar):
    assert cellar.value() == Decimal("222.96")
    assert cellar.value(Colour.WHITE) == Decimal("72.00")


def test_average_price_rounds_half_up():
    c = Cellar()
    c.add(lot("A", 1, "10.00"))
    c.add(lot("B", 1, "10.05"))
    assert c.average_price() == Decimal("10.03")
    c.add(lot("C", 1, "10.00", Colour.WHITE))
    assert c.average_price(Colour.WHITE) == Decimal("10.00")


def test_average_price_of_nothing():
    assert Cellar().average_price() == Decimal("0.00")
