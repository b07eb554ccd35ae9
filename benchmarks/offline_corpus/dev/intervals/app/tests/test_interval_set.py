import pytest

from intervals import Interval, IntervalSet


def spans(interval_set):
    return [(i.start, i.end) for i in interval_set]


def test_empty_set():
    empty = IntervalSet()
    assert len(empty) == 0
    assert not empty
    assert empty.total_length == 0
    assert 1 not in empty


def test_add_keeps_intervals_sorted():
    s = IntervalSet()
    s.add(Interval(20, 30))
    s.add((0, 5))
    s.add((10, 12))
    assert spans(s) == [(0, 5), (10, 12), (20, 30)]


def test_add_merges_overlapping():
    s = IntervalSet([(0, 5), (3, 8)])
    assert spans(s) == [(0, 8)]


def test_add_merges_touching():
    s = IntervalSet([(0, 5), (5, 8)])
    assert spans(s) == [(0, 8)]


def test_add_inside_existing_changes_nothing():
    s = IntervalSet([(0, 10)])
    s.add((2, 5))
    assert spans(s) == [(0, 10)]


def test_add_bridges_several_intervals():
    s = IntervalSet([(0, 2), (4, 6), (8, 10), (20, 25)])
    s.add((1, 9))
    assert spans(s) == [(0, 10), (20, 25)]


def test_remove_splits_an_interval():
    s = IntervalSet([(0, 10)])
    s.remove((3, 5))
    assert spans(s) == [(0, 3), (5, 10)]


def test_remove_trims_edges_across_intervals():
    s = IntervalSet([(0, 4), (6, 10)])
    s.remove((2, 8))
    assert spans(s) == [(0, 2), (8, 10)]


def test_remove_whole_interval_and_missing_points():
    s = IntervalSet([(0, 4), (6, 10)])
    s.remove((0, 4))
    s.remove((20, 30))
    assert spans(s) == [(6, 10)]


def test_contains_point():
    s = IntervalSet([(0, 5), (10, 15)])
    assert 0 in s
    assert 4.5 in s
    assert 5 not in s
    assert 7 not in s
    assert 10 in s
    assert 14 in s
    assert 15 not in s
    assert -1 not in s


def test_total_length():
    s = IntervalSet([(0, 5), (10, 12), (3, 6)])
    assert s.total_length == 8


def test_gaps_within_bounds():
    s = IntervalSet([(2, 4), (6, 8)])
    assert s.gaps(Interval(0, 10)) == [Interval(0, 2), Interval(4, 6), Interval(8, 10)]


def test_gaps_clip_to_bounds():
    s = IntervalSet([(0, 3), (5, 7), (9, 20)])
    assert s.gaps((1, 12)) == [Interval(3, 5), Interval(7, 9)]


def test_gaps_of_empty_set_is_whole_bound():
    assert IntervalSet().gaps((0, 4)) == [Interval(0, 4)]


def test_no_gaps_when_covered():
    assert IntervalSet([(0, 10)]).gaps((2, 8)) == []


def test_equality_ignores_insertion_order():
    assert IntervalSet([(5, 6), (0, 1)]) == IntervalSet([(0, 1), (5, 6)])
    assert IntervalSet([(0, 1), (1, 2)]) == IntervalSet([(0, 2)])
    assert IntervalSet([(0, 1)]) != IntervalSet([(0, 2)])


def test_iteration_is_a_snapshot():
    s = IntervalSet([(0, 1), (2, 3)])
    for interval in s:
        s.add((interval.end, interval.end + 0.5))
    assert spans(s) == [(0, 1.5), (2, 3.5)]


def test_bad_interval_is_rejected_and_set_unchanged():
    s = IntervalSet([(0, 1)])
    with pytest.raises(ValueError):
        s.add((4, 2))
    assert spans(s) == [(0, 1)]


def test_repr():
    assert repr(IntervalSet([(0, 1), (3, 4)])) == "IntervalSet([0, 1), [3, 4))"
