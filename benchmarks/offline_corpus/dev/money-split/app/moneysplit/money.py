"""The Money value class."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import total_ordering
from typing import TYPE_CHECKING

from .currencies import minor_units, normalise_code
from .errors import CurrencyMismatch

if TYPE_CHECKING:
    from .rates import RateTable

# Thousands separator and decimal mark per locale; a full locale name wins over its language.
_SEPARATORS: dict[str, tuple[str, str]] = {
    "en": (",", "."),
    "de": (".", ","),
    "fr": ("\u202f", ","),
    "de_CH": ("'", "."),
}


def _to_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, float):
        raise TypeError("give amounts as Decimal, int or str, not float")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value)
        except InvalidOperation:
            raise ValueError(f"not an amount: {value!r}") from None
    else:
        raise TypeError(f"not an amount: {value!r}")
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


def _group(digits: str, separator: str) -> str:
    """'1234567' -> '1,234,567': groups of three counted from the right."""
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return separator.join(reversed(groups))


@total_ordering
class Money:
    """An exact amount in one currency, always held to that currency's minor unit.

    ``Money("12.5", "USD")`` is 12.50 USD; ``Money("0.001", "USD")`` is refused (ValueError) rather than
    silently rounded. Arithmetic that can produce fractions of a minor unit (multiplication, conversion)
    rounds half-even; dividing is done with ``allocate`` / ``split`` so that nothing is lost.
    """

    __slots__ = ("_amount", "_currency")

    def __init__(self, amount: object, currency: str):
        code = normalise_code(currency)
        value = _to_decimal(amount)
        exponent = Decimal(1).scaleb(-minor_units(code))
        quantized = value.quantize(exponent)
        if quantized != value:
            raise ValueError(f"{value} has more decimal places than {code} allows")
        self._amount = quantized
        self._currency = code

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        """``Money.from_minor(1999, "USD")`` is 19.99 USD."""
        if isinstance(units, bool) or not isinstance(units, int):
            raise TypeError("minor units must be an int")
        code = normalise_code(currency)
        return cls(Decimal(units).scaleb(-minor_units(code)), code)

    @property
    def amount(self) -> Decimal:
        return self._amount

    @property
    def currency(self) -> str:
        return self._currency

    @property
    def minor(self) -> int:
        """The amount in minor units: 19.99 USD -> 1999."""
        return int(self._amount.scaleb(minor_units(self._currency)))

    def _same_currency(self, other: Money) -> None:
        if other._currency != self._currency:
            raise CurrencyMismatch(self._currency, other._currency)

    # arithmetic

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self._amount + other._amount, self._currency)

    def __radd__(self, other: object) -> Money:
        # So that sum() works: sum(amounts) starts from the int 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return Money(self._amount - other._amount, self._currency)

    def __neg__(self) -> Money:
        return Money(-self._amount, self._currency)

    def __abs__(self) -> Money:
        return Money(abs(self._amount), self._currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            raise TypeError("cannot multiply money by money")
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal, str)):
            return NotImplemented
        product = self._amount * _to_decimal(factor)
        return Money(self._round(product, self._currency), self._currency)

    __rmul__ = __mul__

    @staticmethod
    def _round(value: Decimal, currency: str) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-minor_units(currency)), rounding=ROUND_HALF_EVEN)

    # dividing without losing a minor unit

    def allocate(self, ratios: list) -> list[Money]:
        """Divide in proportion to ``ratios``; the parts always add up to this amount.

        Each part gets its floored share of the minor units; the units left over go one each to the
        first parts (skipping parts whose ratio is zero). A negative amount is allocated as its
        absolute value, then every part is negated.
        """
        weights = [_to_decimal(ratio) for ratio in ratios]
        if not weights:
            raise ValueError("allocate needs at least one ratio")
        if any(weight < 0 for weight in weights):
            raise ValueError("ratios cannot be negative")
        total_weight = sum(weights)
        if total_weight == 0:
            raise ValueError("at least one ratio must be positive")

        total = abs(self.minor)
        shares = [int(total * weight // total_weight) for weight in weights]
        leftover = total - sum(shares)
        for index, weight in enumerate(weights):
            if leftover == 0:
                break
            if weight > 0:
                shares[index] += 1
                leftover -= 1

        sign = -1 if self._amount < 0 else 1
        return [Money.from_minor(sign * share, self._currency) for share in shares]

    def split(self, parts: int) -> list[Money]:
        """``n`` parts as equal as the minor unit allows, larger ones first."""
        if isinstance(parts, bool) or not isinstance(parts, int):
            raise TypeError("parts must be an int")
        if parts < 1:
            raise ValueError("parts must be at least 1")
        return self.allocate([1] * parts)

    # conversion

    def convert(self, currency: str, rates: RateTable) -> Money:
        """This amount in ``currency`` at the table's rate, rounded half-even to its minor unit."""
        target = normalise_code(currency)
        rate = rates.rate(self._currency, target)
        return Money(self._round(self._amount * rate, target), target)

    # comparison and hashing

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._currency == other._currency and self._amount == other._amount

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other)
        return self._amount < other._amount

    def __hash__(self) -> int:
        return hash((self._currency, self._amount))

    def is_zero(self) -> bool:
        return self._amount == 0

    # text

    def format(self, locale: str = "en") -> str:
        """``-1,234.50 USD`` (en), ``-1.234,50 EUR`` (de), ``1'234.50 CHF`` (de_CH)."""
        if locale in _SEPARATORS:
            thousands, mark = _SEPARATORS[locale]
        else:
            language = locale.replace("-", "_").split("_")[0].lower()
            if language not in _SEPARATORS:
                raise ValueError(f"unsupported locale {locale!r}")
            thousands, mark = _SEPARATORS[language]

        sign = "-" if self._amount < 0 else ""
        text = f"{abs(self._amount):f}"
        whole, _, fraction = text.partition(".")
        number = _group(whole, thousands)
        if fraction:
            number = f"{number}{mark}{fraction}"
        return f"{sign}{number} {self._currency}"

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Money('{self._amount}', '{self._currency}')"
