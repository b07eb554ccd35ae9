import pytest

from reservations import InsufficientStock, InvalidQuantity, Status, UnknownReservation, UnknownSku


def test_reserve_holds_units(warehouse, clock):
    r = warehouse.reserve("MUG-1", 3, ttl_seconds=60)
    assert r.sku == "MUG-1"
    assert r.quantity == 3
    assert r.status is Status.HELD
    assert r.created_at == 500.0
    assert r.expires_at == 560.0
    assert warehouse.available("MUG-1") == 7
    assert warehouse.on_hand("MUG-1") == 10
    assert warehouse.held("MUG-1") == 3


def test_ids_are_unique(warehouse):
    ids = {warehouse.reserve("MUG-1", 1, ttl_seconds=60).id for _ in range(4)}
    assert len(ids) == 4
    assert warehouse.available("MUG-1") == 6


def test_can_reserve_exactly_what_is_available(warehouse):
    warehouse.reserve("MUG-1", 4, ttl_seconds=60)
    r = warehouse.reserve("MUG-1", 6, ttl_seconds=60)
    assert r.quantity == 6
    assert warehouse.available("MUG-1") == 0


def test_refuses_more_than_available(warehouse):
    warehouse.reserve("MUG-1", 8, ttl_seconds=60)
    with pytest.raises(InsufficientStock) as err:
        warehouse.reserve("MUG-1", 3, ttl_seconds=60)
    assert err.value.sku == "MUG-1"
    assert err.value.requested == 3
    assert err.value.available == 2
    assert warehouse.available("MUG-1") == 2


def test_refusal_does_not_create_a_hold(warehouse):
    with pytest.raises(InsufficientStock):
        warehouse.reserve("MUG-1", 11, ttl_seconds=60)
    assert warehouse.reservations() == []
    assert [e.kind.value for e in warehouse.events] == ["stocked"]


def test_unknown_sku(warehouse):
    with pytest.raises(UnknownSku):
        warehouse.reserve("NOPE", 1, ttl_seconds=60)


@pytest.mark.parametrize("qty", [0, -2, 2.0])
def test_quantity_must_be_positive_whole(warehouse, qty):
    with pytest.raises(InvalidQuantity):
        warehouse.reserve("MUG-1", qty, ttl_seconds=60)
    assert warehouse.reservations() == []


@pytest.mark.parametrize("ttl", [0, -5, "60"])
def test_ttl_must_be_positive(warehouse, ttl):
    with pytest.raises(InvalidQuantity):
        warehouse.reserve("MUG-1", 1, ttl_seconds=ttl)


def test_fractional_ttl(warehouse, clock):
    r = warehouse.reserve("MUG-1", 1, ttl_seconds=0.5)
    assert r.expires_at == 500.5


def test_reservations_lists_live_holds_by_sku(warehouse):
    warehouse.add_stock("TEE-M", 2)
    a = warehouse.reserve("MUG-1", 1, ttl_seconds=60)
    b = warehouse.reserve("TEE-M", 2, ttl_seconds=60)
    c = warehouse.reserve("MUG-1", 2, ttl_seconds=60)
    assert [r.id for r in warehouse.reservations()] == [a.id, b.id, c.id]
    assert [r.id for r in warehouse.reservations("MUG-1")] == [a.id, c.id]


def test_get_unknown(warehouse):
    with pytest.raises(UnknownReservation):
        warehouse.get("R999")
    with pytest.raises(UnknownReservation):
        warehouse.release("R999")
    with pytest.raises(UnknownReservation):
        warehouse.commit("R999")
