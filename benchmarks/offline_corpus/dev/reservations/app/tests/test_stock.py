import pytest

from reservations import InvalidQuantity, UnknownSku, Warehouse


def test_add_stock_accumulates(warehouse):
    assert warehouse.add_stock("MUG-1", 5) == 15
    assert warehouse.on_hand("MUG-1") == 15
    assert warehouse.available("MUG-1") == 15


def test_new_sku(warehouse):
    warehouse.add_stock("TEE-M", 3)
    assert warehouse.skus() == ["MUG-1", "TEE-M"]
    assert warehouse.available("TEE-M") == 3


@pytest.mark.parametrize("qty", [0, -1, 1.5, "3", True])
def test_add_stock_needs_a_positive_whole_number(warehouse, qty):
    with pytest.raises(InvalidQuantity):
        warehouse.add_stock("MUG-1", qty)
    assert warehouse.on_hand("MUG-1") == 10


def test_unknown_sku(warehouse):
    with pytest.raises(UnknownSku) as err:
        warehouse.available("NOPE")
    assert err.value.sku == "NOPE"
    assert isinstance(err.value, KeyError)


def test_default_clock_is_usable():
    wh = Warehouse()
    wh.add_stock("A", 1)
    r = wh.reserve("A", 1, ttl_seconds=60)
    assert wh.available("A") == 0
    wh.release(r.id)
    assert wh.available("A") == 1
