"""Exchange rates."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .currencies import normalise_code
from .errors import MissingRate


class RateTable:
    """Rates as "1 base = rate quote"; a pair is also usable in reverse (1 / rate)."""

    def __init__(self, rates: dict[tuple[str, str], object] | None = None):
        self._rates: dict[tuple[str, str], Decimal] = {}
        for (base, quote), rate in (rates or {}).items():
            self.set(base, quote, rate)

    def set(self, base: str, quote: str, rate: object) -> None:
        base, quote = normalise_code(base), normalise_code(quote)
        if base == quote:
            raise ValueError("a currency's rate to itself is always 1")
        if isinstance(rate, float) or isinstance(rate, bool):
            raise TypeError("give rates as Decimal, int or str, not float")
        try:
            value = Decimal(str(rate)) if not isinstance(rate, Decimal) else rate
        except InvalidOperation:
            raise ValueError(f"not a rate: {rate!r}") from None
        if not value.is_finite() or value <= 0:
            raise ValueError(f"a rate must be positive, got {rate!r}")
        self._rates[(base, quote)] = value
        # A pair set directly wins over its inverse.
        self._rates.pop((quote, base), None)

    def rate(self, base: str, quote: str) -> Decimal:
        base, quote = normalise_code(base), normalise_code(quote)
        if base == quote:
            return Decimal(1)
        if (base, quote) in self._rates:
            return self._rates[(base, quote)]
        if (quote, base) in self._rates:
            return Decimal(1) / self._rates[(quote, base)]
        raise MissingRate(base, quote)

    def __contains__(self, pair: tuple[str, str]) -> bool:
        try:
            self.rate(*pair)
        except MissingRate:
            return False
        return True
