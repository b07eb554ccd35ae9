from __future__ import annotations

from numbers import Real
from typing import Union

Number = Union[int, float]


class Interval:
    """A half-open interval ``[start, end)`` on the number line.

    ``start`` is included, ``end`` is not, so ``Interval(0, 5)`` and
    ``Interval(5, 10)`` touch but do not overlap. Empty intervals are not
    allowed: ``start`` must be strictly less than ``end``.
    """

    __slots__ = ("_start", "_end")

    def __init__(self, start: Number, end: Number) -> None:
        for value in (start, end):
            if isinstance(value, bool) or not isinstance(value, Real):
                raise TypeError(f"interval bounds must be numbers, not {type(value).__name__}")
        if start >= end:
            raise ValueError(f"start must be less than end (got {start!r}, {end!r})")
        self._start = start
        self._end = end

    @property
    def start(self) -> Number:
        return self._start

    @property
    def end(self) -> Number:
        return self._end

    @property
    def length(self) -> Number:
        return self._end - self._start

    def __len__(self) -> int:
        length = self.length
        if isinstance(length, float) and not length.is_integer():
            raise TypeError("len() of an interval with a fractional length; use .length")
        return int(length)

    def contains(self, item: Number | Interval) -> bool:
        """True if the point lies in the interval, or the interval lies wholly inside this one."""
        if isinstance(item, Interval):
            return self._start <= item._start and item._end <= self._end
        return self._start <= item < self._end

    def __contains__(self, item: Number | Interval) -> bool:
        return self.contains(item)

    def overlaps(self, other: Interval) -> bool:
        """True if the two intervals share at least one point."""
        return self._start < other._end and other._start < self._end

    def touches(self, other: Interval) -> bool:
        """True if one interval ends exactly where the other starts."""
        return self._end == other._start or other._end == self._start

    def intersection(self, other: Interval) -> Interval | None:
        """The common part of both intervals, or None if they do not overlap."""
        if not self.overlaps(other):
            return None
        return Interval(max(self._start, other._start), min(self._end, other._end))

    __and__ = intersection

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return (self._start, self._end) == (other._start, other._end)

    def __lt__(self, other: Interval) -> bool:
        return (self._start, self._end) < (other._start, other._end)

    def __hash__(self) -> int:
        return hash((self._start, self._end))

    def __repr__(self) -> str:
        return f"Interval({self._start!r}, {self._end!r})"
