"""Payment card numbers: the Luhn (mod 10) algorithm and issuer detection."""

from __future__ import annotations

from dataclasses import dataclass

from .exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError
from .util import compact

__all__ = ["Issuer", "ISSUERS", "issuer", "luhn_checksum", "luhn_check_digit", "luhn_is_valid", "validate_card"]

MIN_LENGTH = 12
MAX_LENGTH = 19


@dataclass(frozen=True)
class Issuer:
    name: str
    # inclusive (low, high) ranges of prefixes; low and high have the same number of digits
    prefixes: tuple[tuple[int, int], ...]
    lengths: tuple[int, ...]

    def matches_prefix(self, number: str) -> bool:
        for low, high in self.prefixes:
            width = len(str(low))
            if len(number) >= width and low <= int(number[:width]) <= high:
                return True
        return False


# Checked in order; the first issuer whose prefix matches wins.
ISSUERS: tuple[Issuer, ...] = (
    Issuer("amex", ((34, 34), (37, 37)), (15,)),
    Issuer("diners", ((300, 305), (36, 36), (38, 39)), (14,)),
    Issuer("jcb", ((3528, 3589),), (16, 17, 18, 19)),
    Issuer("visa", ((4, 4),), (13, 16, 19)),
    Issuer("mastercard", ((51, 55), (2221, 2720)), (16,)),
    Issuer("discover", ((6011, 6011), (644, 649), (65, 65)), (16, 19)),
    Issuer("maestro", ((5018, 5018), (5020, 5020), (5038, 5038), (6304, 6304)), (12, 13, 14, 15, 16, 17, 18, 19)),
)


def _digits(number: str) -> str:
    number = compact(number)
    if not number.isdigit() or not number.isascii():
        raise InvalidFormat(f"card numbers contain digits only: {number!r}")
    return number


def luhn_checksum(number: str) -> int:
    """The Luhn sum of ``number`` modulo 10 (0 for a valid number).

    Counting from the rightmost digit (the check digit), every second digit is
    doubled, and 9 is subtracted when the doubled value is above 9.
    """
    total = 0
    for position, ch in enumerate(reversed(_digits(number))):
        digit = int(ch)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10


def luhn_is_valid(number: str) -> bool:
    try:
        return luhn_checksum(number) == 0
    except ValidationError:
        return False


def luhn_check_digit(partial: str) -> str:
    """The digit to append to ``partial`` so that the result passes the Luhn check.

    >>> luhn_check_digit("7992739871")
    '3'
    """
    checksum = luhn_checksum(_digits(partial) + "0")
    return str((10 - checksum) % 10)


def issuer(number: str) -> str | None:
    """The card issuer's name from the number's prefix and length, or None."""
    digits = _digits(number)
    for candidate in ISSUERS:
        if candidate.matches_prefix(digits) and len(digits) in candidate.lengths:
            return candidate.name
    return None


def validate_card(number: str) -> str:
    """Check a card number and return its digits.

    Raises InvalidFormat for anything but digits (spaces and dashes are allowed
    and removed), InvalidLength outside 12-19 digits, InvalidChecksum when the
    Luhn check fails.
    """
    digits = _digits(number)
    if not MIN_LENGTH <= len(digits) <= MAX_LENGTH:
        raise InvalidLength(f"card numbers have {MIN_LENGTH} to {MAX_LENGTH} digits, got {len(digits)}")
    if luhn_checksum(digits) != 0:
        raise InvalidChecksum(f"card number fails the Luhn check: {digits}")
    return digits


def mask(number: str, visible: int = 4) -> str:
    """Replace all but the last ``visible`` digits with '*'."""
    digits = validate_card(number)
    return "*" * (len(digits) - visible) + digits[-visible:]
