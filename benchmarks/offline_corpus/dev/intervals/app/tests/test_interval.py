import pytest

from intervals import Interval


def test_bounds_and_length():
    interval = Interval(2, 7)
    assert interval.start == 2
    assert interval.end == 7
    assert interval.length == 5
    assert len(interval) == 5


def test_float_length():
    assert Interval(0.5, 2.0).length == 1.5


@pytest.mark.parametrize("start, end", [(3, 3), (5, 1)])
def test_empty_or_reversed_interval_is_rejected(start, end):
    with pytest.raises(ValueError):
        Interval(start, end)


def test_non_numbers_are_rejected():
    with pytest.raises(TypeError):
        Interval("a", "b")


def test_contains_point_is_half_open():
    interval = Interval(0, 10)
    assert interval.contains(0)
    assert interval.contains(9.999)
    assert not interval.contains(10)
    assert not interval.contains(-1)
    assert 5 in interval


def test_contains_interval():
    outer = Interval(0, 10)
    assert outer.contains(Interval(0, 10))
    assert outer.contains(Interval(2, 3))
    assert not outer.contains(Interval(5, 11))


def test_overlaps():
    assert Interval(0, 5).overlaps(Interval(4, 8))
    assert Interval(4, 8).overlaps(Interval(0, 5))
    assert Interval(0, 10).overlaps(Interval(3, 4))


def test_touching_intervals_do_not_overlap():
    assert not Interval(0, 5).overlaps(Interval(5, 8))
    assert not Interval(5, 8).overlaps(Interval(0, 5))
    assert Interval(0, 5).touches(Interval(5, 8))


def test_intersection():
    assert Interval(0, 5).intersection(Interval(3, 8)) == Interval(3, 5)
    assert Interval(3, 8).intersection(Interval(0, 5)) == Interval(3, 5)
    assert Interval(0, 10) & Interval(2, 4) == Interval(2, 4)


def test_intersection_of_disjoint_or_touching_is_none():
    assert Interval(0, 5).intersection(Interval(6, 8)) is None
    assert Interval(0, 5).intersection(Interval(5, 8)) is None


def test_equality_and_hash():
    assert Interval(1, 2) == Interval(1, 2)
    assert Interval(1, 2) != Interval(1, 3)
    assert len({Interval(1, 2), Interval(1, 2)}) == 1


def test_repr():
    assert repr(Interval(1, 2.5)) == "Interval(1, 2.5)"
