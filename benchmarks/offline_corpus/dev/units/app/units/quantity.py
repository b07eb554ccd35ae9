from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Union

from .errors import DimensionError, UnitError
from .registry import Unit, lookup

Number = Union[int, float, Decimal]

_QUANTITY = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)\s*$")


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a quantity's value must be a number, not a bool")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        # str() first: Decimal(0.1) would carry the binary float's 55 digits.
        result = Decimal(str(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"a quantity's value must be a number, not {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"a quantity's value must be finite, not {value!r}")
    return result


class Quantity:
    """An amount of one unit. Immutable and hashable; equal quantities hash alike across units."""

    __slots__ = ("_unit", "_value")

    def __init__(self, value: Number | str, unit: str) -> None:
        object.__setattr__(self, "_unit", lookup(unit))
        object.__setattr__(self, "_value", _to_decimal(value))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Quantity is immutable (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Quantity is immutable (cannot delete {name!r})")

    @property
    def value(self) -> Decimal:
        return self._value

    @property
    def unit(self) -> str:
        return self._unit.symbol

    @property
    def dimension(self) -> str:
        return self._unit.dimension

    def to(self, unit: str) -> Quantity:
        """The same amount in `unit`, which must measure the same dimension."""
        target = lookup(unit)
        self._same_dimension(target, "convert")
        return Quantity(self._value * self._unit.factor / target.factor, target.symbol)

    def format(self, places: int = 2) -> str:
        """The value rounded half-even to `places` decimals, then the unit's symbol: "3.50 km"."""
        if isinstance(places, bool) or not isinstance(places, int) or places < 0:
            raise ValueError(f"places must be a non-negative integer, not {places!r}")
        exponent = Decimal(1).scaleb(-places)
        rounded = self._value.quantize(exponent, rounding=ROUND_HALF_EVEN)
        if rounded == 0:
            rounded = abs(rounded)
        return f"{rounded} {self.unit}"

    def _base(self) -> Decimal:
        return self._value * self._unit.factor

    def _same_dimension(self, other: Unit, operation: str) -> None:
        if other.dimension != self._unit.dimension:
            raise DimensionError(self._unit.dimension, other.dimension, operation)

    # arithmetic

    def __add__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        self._same_dimension(other._unit, "add")
        return Quantity(self._value + other.to(self.unit)._value, self.unit)

    def __sub__(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            return NotImplemented
        self._same_dimension(other._unit, "subtract")
        return Quantity(self._value - other.to(self.unit)._value, self.unit)

    def __mul__(self, factor: object) -> Quantity:
        if isinstance(factor, Quantity) or isinstance(factor, bool) or not isinstance(factor, (int, float, Decimal)):
            return NotImplemented
        return Quantity(self._value * _to_decimal(factor), self.unit)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Quantity | Decimal:
        """By a number: a quantity in the same unit. By a quantity of the same dimension: their ratio."""
        if isinstance(other, Quantity):
            self._same_dimension(other._unit, "divide")
            if other._value == 0:
                raise ZeroDivisionError("division by a zero quantity")
            return self._base() / other._base()
        if isinstance(other, bool) or not isinstance(other, (int, float, Decimal)):
            return NotImplemented
        divisor = _to_decimal(other)
        if divisor == 0:
            raise ZeroDivisionError("division of a quantity by zero")
        return Quantity(self._value / divisor, self.unit)

    def __neg__(self) -> Quantity:
        return Quantity(-self._value, self.unit)

    def __abs__(self) -> Quantity:
        return Quantity(abs(self._value), self.unit)

    # comparisons

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        if other.dimension != self.dimension:
            return False
        return self._base() == other._base()

    def __hash__(self) -> int:
        return hash((self.dimension, self._base()))

    def _ordered(self, other: object, operation: str) -> tuple[Decimal, Decimal] | None:
        if not isinstance(other, Quantity):
            return None
        self._same_dimension(other._unit, operation)
        return self._base(), other._base()

    def __lt__(self, other: object) -> bool:
        pair = self._ordered(other, "compare")
        if pair is None:
            return NotImplemented
        return pair[0] < pair[1]

    def __le__(self, other: object) -> bool:
        pair = self._ordered(other, "compare")
        if pair is None:
            return NotImplemented
        return pair[0] <= pair[1]

    def __gt__(self, other: object) -> bool:
        pair = self._ordered(other, "compare")
        if pair is None:
            return NotImplemented
        return pair[0] > pair[1]

    def __ge__(self, other: object) -> bool:
        pair = self._ordered(other, "compare")
        if pair is None:
            return NotImplemented
        return pair[0] >= pair[1]

    def __repr__(self) -> str:
        return f"Quantity({self._value!r}, {self.unit!r})"

    def __str__(self) -> str:
        return f"{self._value} {self.unit}"


def parse(text: str) -> Quantity:
    """"3.5 km", "12ft", "-2 h" -> Quantity. UnitError for an unknown unit, ValueError for anything else."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a string, not {type(text).__name__}")
    match = _QUANTITY.match(text)
    if match is None:
        raise ValueError(f"cannot read a quantity from {text!r}")
    number, symbol = match.groups()
    try:
        lookup(symbol)
    except UnitError:
        raise UnitError(f"unknown unit {symbol!r} in {text!r}") from None
    return Quantity(Decimal(number), symbol)
