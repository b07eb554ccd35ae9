from reservations import EventKind


def kinds(warehouse):
    return [(e.kind.value, e.reservation_id) for e in warehouse.events]


def test_log_records_everything_in_order(warehouse, clock):
    a = warehouse.reserve("MUG-1", 2, ttl_seconds=60)
    clock.advance(1)
    b = warehouse.reserve("MUG-1", 3, ttl_seconds=60)
    clock.advance(1)
    warehouse.commit(a.id)
    warehouse.release(b.id)
    assert kinds(warehouse) == [
        ("stocked", None),
        ("reserved", a.id),
        ("reserved", b.id),
        ("committed", a.id),
        ("released", b.id),
    ]
    assert [e.seq for e in warehouse.events] == [1, 2, 3, 4, 5]
    assert [e.at for e in warehouse.events] == [500.0, 500.0, 501.0, 502.0, 502.0]


def test_event_fields(warehouse):
    r = warehouse.reserve("MUG-1", 2, ttl_seconds=60)
    event = warehouse.events[-1]
    assert event.kind is EventKind.RESERVED
    assert event.sku == "MUG-1"
    assert event.quantity == 2
    assert event.reservation_id == r.id


def test_expiry_is_logged_at_the_expiry_time_in_expiry_order(warehouse, clock):
    late = warehouse.reserve("MUG-1", 1, ttl_seconds=50)
    early = warehouse.reserve("MUG-1", 1, ttl_seconds=20)
    clock.advance(100)
    warehouse.reserve("MUG-1", 1, ttl_seconds=20)
    expired = [e for e in warehouse.events if e.kind is EventKind.EXPIRED]
    assert [(e.reservation_id, e.at) for e in expired] == [(early.id, 520.0), (late.id, 550.0)]
    # the expiries are logged before the reservation that triggered the sweep
    assert warehouse.events[-1].kind is EventKind.RESERVED


def test_events_since(warehouse):
    warehouse.reserve("MUG-1", 1, ttl_seconds=60)
    warehouse.add_stock("MUG-1", 1)
    assert [e.seq for e in warehouse.events_since(1)] == [2, 3]
    assert warehouse.events_since(3) == []


def test_events_is_a_copy(warehouse):
    warehouse.events.clear()
    assert len(warehouse.events) == 1


def test_extend_is_logged(warehouse):
    r = warehouse.reserve("MUG-1", 1, ttl_seconds=60)
    warehouse.extend(r.id, 30)
    assert kinds(warehouse)[-1] == ("extended", r.id)
