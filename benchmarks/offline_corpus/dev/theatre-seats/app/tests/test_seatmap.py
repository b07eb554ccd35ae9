from decimal import Decimal

import pytest

from seating import HoldError, SeatingError, SeatMap, SeatUnavailable, TooManySeats, UnknownSeat


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def hall(clock):
    return SeatMap(3, 12, hold_seconds=300, max_per_hold=4, clock=clock)


def test_constructor_validates():
    with pytest.raises(ValueError):
        SeatMap(0, 10)
    with pytest.raises(ValueError):
        SeatMap(27, 10)
    with pytest.raises(ValueError):
        SeatMap(2, 0)


def test_labels_are_case_insensitive(hall):
    hold = hall.hold(["a1", " b12 "])
    assert hold.seats == ("A1", "B12")
    assert hall.status("a1") == "held"


def test_unknown_seats(hall):
    for seat in ["D1", "A13", "A0", "A", "1A"]:
        with pytest.raises(UnknownSeat) as info:
            hall.status(seat)
        assert isinstance(info.value, KeyError)


def test_hold_and_confirm(hall):
    hold = hall.hold(["A1", "A2"])
    assert hall.status("A1") == "held"
    assert hall.confirm(hold.id) == ("A1", "A2")
    assert hall.status("A2") == "sold"
    with pytest.raises(HoldError):
        hall.confirm(hold.id)


def test_duplicate_seats_in_one_hold_count_once(hall):
    hold = hall.hold(["A1", "a1", "A2"])
    assert hold.seats == ("A1", "A2")


def test_max_per_hold_may_be_reached(hall):
    hold = hall.hold(["A1", "A2", "A3", "A4"])
    assert len(hold.seats) == 4
    with pytest.raises(TooManySeats) as info:
        hall.hold(["B1", "B2", "B3", "B4", "B5"])
    assert (info.value.requested, info.value.limit) == (5, 4)


def test_unavailable_lists_only_taken_seats(hall):
    hall.hold(["A2"])
    with pytest.raises(SeatUnavailable) as info:
        hall.hold(["A1", "A2", "A3"])
    assert info.value.seats == ("A2",)
    assert hall.status("A1") == "free"


def test_hold_expires_exactly_at_deadline(hall, clock):
    hold = hall.hold(["A1"])
    assert hold.expires_at == 1300.0
    clock.now = 1299.9
    assert hall.status("A1") == "held"
    clock.now = 1300.0
    assert hall.status("A1") == "free"
    with pytest.raises(HoldError):
        hall.confirm(hold.id)


def test_expired_hold_cannot_be_confirmed(hall, clock):
    hold = hall.hold(["B3"])
    clock.now += 301
    with pytest.raises(HoldError):
        hall.confirm(hold.id)
    assert hall.status("B3") == "free"
    assert hall.occupancy() == Decimal("0")


def test_release_frees_seats(hall):
    hold = hall.hold(["C1", "C2"])
    hall.release(hold.id)
    assert hall.status("C1") == "free"
    assert hall.hold(["C1", "C2"]).seats == ("C1", "C2")
    with pytest.raises(HoldError):
        hall.release(hold.id)


def test_refund(hall):
    hall.confirm(hall.hold(["A5"]).id)
    hall.refund("a5")
    assert hall.status("A5") == "free"
    with pytest.raises(SeatingError):
        hall.refund("A5")
    with pytest.raises(SeatingError):
        hall.refund("A6")


def test_available_in_seat_order(hall):
    hall.hold(["A2", "A11"])
    row = hall.available("a")
    assert row == ["A1", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A12"]
    assert len(hall.available()) == 34
    assert hall.available()[:3] == ["A1", "A3", "A4"]


def test_best_block_prefers_front_row_and_left(hall):
    assert hall.best_block(3) == ["A1", "A2", "A3"]
    hall.hold(["A2"])
    assert hall.best_block(3) == ["A3", "A4", "A5"]


def test_best_block_can_end_at_last_seat():
    small = SeatMap(2, 4, clock=lambda: 0.0)
    small.hold(["A1", "B1"])
    assert small.best_block(3) == ["A2", "A3", "A4"]
    assert small.best_block(4) is None


def test_occupancy_rounds_half_up():
    small = SeatMap(1, 8, clock=lambda: 0.0)
    assert small.occupancy() == Decimal("0")
    small.confirm(small.hold(["A1"]).id)
    assert small.occupancy() == Decimal("13")
    small.confirm(small.hold(["A2", "A3"]).id)
    assert small.occupancy() == Decimal("38")
