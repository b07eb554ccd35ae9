class MoneyError(Exception):
    """Base class of this library's errors."""


class UnknownCurrency(MoneyError, ValueError):
    def __init__(self, code: object):
        super().__init__(f"unknown currency {code!r}")
        self.code = code


class CurrencyMismatch(MoneyError, TypeError):
    """Two amounts in different currencies were combined or ordered."""

    def __init__(self, left: str, right: str):
        super().__init__(f"cannot combine {left} with {right}")
        self.left = left
        self.right = right


class MissingRate(MoneyError, LookupError):
    def __init__(self, base: str, quote: str):
        super().__init__(f"no rate from {base} to {quote}")
        self.base = base
        self.quote = quote
