from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Iterator, Tuple, Union

from .interval import Interval, Number

IntervalLike = Union[Interval, Tuple[Number, Number]]


def _as_interval(value: IntervalLike) -> Interval:
    if isinstance(value, Interval):
        return value
    start, end = value
    return Interval(start, end)


class IntervalSet:
    """A set of points stored as sorted, disjoint, non-touching intervals.

    Adding an interval merges it with every interval it overlaps or touches;
    removing one cuts it out, splitting an interval in two when needed.
    """

    def __init__(self, intervals: Iterable[IntervalLike] = ()) -> None:
        self._intervals: list[Interval] = []
        for interval in intervals:
            self.add(interval)

    def add(self, interval: IntervalLike) -> None:
        new = _as_interval(interval)
        start, end = new.start, new.end
        kept: list[Interval] = []
        for current in self._intervals:
            if current.end < start or current.start > end:
                kept.append(current)
            else:
                start = min(start, current.start)
                end = max(end, current.end)
        kept.append(Interval(start, end))
        kept.sort()
        self._intervals = kept

    def remove(self, interval: IntervalLike) -> None:
        """Remove every point of `interval`; points not in the set are ignored."""
        cut = _as_interval(interval)
        kept: list[Interval] = []
        for current in self._intervals:
            if not current.overlaps(cut):
                kept.append(current)
                continue
            if current.start < cut.start:
                kept.append(Interval(current.start, cut.start))
            if cut.end < current.end:
                kept.append(Interval(cut.end, current.end))
        self._intervals = kept

    def __contains__(self, point: Number) -> bool:
        starts = [interval.start for interval in self._intervals]
        index = bisect_right(starts, point) - 1
        return index >= 0 and point < self._intervals[index].end

    @property
    def total_length(self) -> Number:
        return sum((interval.length for interval in self._intervals), 0)

    def gaps(self, within: IntervalLike) -> list[Interval]:
        """The parts of `within` that no interval of the set covers, in order."""
        bounds = _as_interval(within)
        gaps: list[Interval] = []
        cursor = bounds.start
        for interval in self._intervals:
            if interval.end <= bounds.start:
                continue
            if interval.start >= bounds.end:
                break
            if interval.start > cursor:
                gaps.append(Interval(cursor, interval.start))
            cursor = max(cursor, interval.end)
        if cursor < bounds.end:
            gaps.append(Interval(cursor, bounds.end))
        return gaps

    def __iter__(self) -> Iterator[Interval]:
        return iter(list(self._intervals))

    def __len__(self) -> int:
        return len(self._intervals)

    def __bool__(self) -> bool:
        return bool(self._intervals)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IntervalSet):
            return NotImplemented
        return self._intervals == other._intervals

    def __repr__(self) -> str:
        inner = ", ".join(f"[{i.start!r}, {i.end!r})" for i in self._intervals)
        return f"IntervalSet({inner})"
