import pytest

from reservations import InsufficientStock, InvalidState, ReservationExpired, Status


class TestRelease:
    def test_release_returns_units(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        assert warehouse.release(r.id) is True
        assert r.status is Status.RELEASED
        assert warehouse.available("MUG-1") == 10
        assert warehouse.on_hand("MUG-1") == 10

    def test_release_twice_is_harmless(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        warehouse.release(r.id)
        assert warehouse.release(r.id) is False
        assert warehouse.available("MUG-1") == 10
        assert [e.kind.value for e in warehouse.events].count("released") == 1

    def test_release_after_expiry_is_a_no_op(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(61)
        assert warehouse.release(r.id) is False
        assert r.status is Status.EXPIRED

    def test_committed_cannot_be_released(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        warehouse.commit(r.id)
        with pytest.raises(InvalidState):
            warehouse.release(r.id)
        assert r.status is Status.COMMITTED
        assert warehouse.on_hand("MUG-1") == 6
        assert warehouse.available("MUG-1") == 6


class TestCommit:
    def test_commit_sells_the_units(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        assert warehouse.commit(r.id) is r
        assert r.status is Status.COMMITTED
        assert warehouse.on_hand("MUG-1") == 6
        assert warehouse.available("MUG-1") == 6
        assert warehouse.held("MUG-1") == 0

    def test_sold_units_cannot_be_reserved_again(self, warehouse):
        r = warehouse.reserve("MUG-1", 10, ttl_seconds=60)
        warehouse.commit(r.id)
        with pytest.raises(InsufficientStock):
            warehouse.reserve("MUG-1", 1, ttl_seconds=60)

    def test_commit_twice(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        warehouse.commit(r.id)
        with pytest.raises(InvalidState):
            warehouse.commit(r.id)
        assert warehouse.on_hand("MUG-1") == 6

    def test_released_cannot_be_committed(self, warehouse):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        warehouse.release(r.id)
        with pytest.raises(InvalidState):
            warehouse.commit(r.id)
        assert warehouse.on_hand("MUG-1") == 10

    def test_commit_just_before_expiry(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(59.999)
        warehouse.commit(r.id)
        assert warehouse.on_hand("MUG-1") == 6

    def test_expired_hold_cannot_be_committed(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(120)
        with pytest.raises(ReservationExpired) as err:
            warehouse.commit(r.id)
        assert err.value.reservation_id == r.id
        assert err.value.expired_at == 560.0
        assert warehouse.on_hand("MUG-1") == 10
        assert r.status is Status.EXPIRED

    def test_commit_all_is_all_or_nothing(self, warehouse, clock):
        a = warehouse.reserve("MUG-1", 2, ttl_seconds=60)
        b = warehouse.reserve("MUG-1", 3, ttl_seconds=10)
        clock.advance(30)
        with pytest.raises(ReservationExpired):
            warehouse.commit_all([a.id, b.id])
        assert a.status is Status.HELD
        assert warehouse.on_hand("MUG-1") == 10
        assert [r.id for r in warehouse.commit_all([a.id])] == [a.id]
        assert warehouse.on_hand("MUG-1") == 8


class TestExpiry:
    def test_live_until_just_before_expiry(self, warehouse, clock):
        warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(59.9)
        assert warehouse.available("MUG-1") == 6

    def test_expired_at_the_exact_moment(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(60)
        assert warehouse.available("MUG-1") == 10
        assert warehouse.reservations() == []
        with pytest.raises(ReservationExpired):
            warehouse.commit(r.id)

    def test_expired_units_can_be_reserved_again(self, warehouse, clock):
        warehouse.reserve("MUG-1", 10, ttl_seconds=30)
        clock.advance(31)
        r = warehouse.reserve("MUG-1", 10, ttl_seconds=30)
        assert r.quantity == 10

    def test_available_counts_only_live_holds_before_any_sweep(self, warehouse, clock):
        warehouse.reserve("MUG-1", 3, ttl_seconds=10)
        warehouse.reserve("MUG-1", 2, ttl_seconds=100)
        clock.advance(50)
        # no state-changing call yet: the first hold is still HELD but no longer counts
        assert warehouse.held("MUG-1") == 2
        assert warehouse.available("MUG-1") == 8

    def test_expire_due_marks_and_returns_in_expiry_order(self, warehouse, clock):
        late = warehouse.reserve("MUG-1", 1, ttl_seconds=50)
        early = warehouse.reserve("MUG-1", 2, ttl_seconds=20)
        keep = warehouse.reserve("MUG-1", 3, ttl_seconds=500)
        clock.advance(100)
        due = warehouse.expire_due()
        assert [r.id for r in due] == [early.id, late.id]
        assert early.status is Status.EXPIRED and late.status is Status.EXPIRED
        assert keep.status is Status.HELD
        assert warehouse.expire_due() == []


class TestExtend:
    def test_extend_counts_from_now(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(50)
        warehouse.extend(r.id, 60)
        assert r.expires_at == 610.0
        clock.advance(55)
        assert warehouse.available("MUG-1") == 6
        warehouse.commit(r.id)
        assert warehouse.on_hand("MUG-1") == 6

    def test_expired_hold_cannot_be_extended(self, warehouse, clock):
        r = warehouse.reserve("MUG-1", 4, ttl_seconds=60)
        clock.advance(60)
        with pytest.raises(ReservationExpired):
            warehouse.extend(r.id, 60)
