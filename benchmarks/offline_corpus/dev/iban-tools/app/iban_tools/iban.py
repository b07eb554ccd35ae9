"""International Bank Account Numbers (ISO 13616).

An IBAN is a two-letter country code, two check digits and a country-specific
BBAN (Basic Bank Account Number) of up to 30 alphanumeric characters. The check
digits are valid when the number formed by moving the first four characters to
the end and replacing letters by numbers (A = 10 ... Z = 35) is 1 modulo 97.
"""

from __future__ import annotations

import re

from .countries import iban_length
from .exceptions import InvalidChecksum, InvalidFormat, InvalidLength, UnknownCountry, ValidationError
from .util import compact

__all__ = ["bban", "calc_check_digits", "country_code", "format", "is_valid", "make", "validate"]

_STRUCTURE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]+$")
_BBAN = re.compile(r"^[A-Z0-9]+$")


def _to_digits(value: str) -> str:
    """Replace every letter by its two-digit number (A = 10, ..., Z = 35)."""
    return "".join(str(int(ch, 36)) for ch in value)


def _mod97(value: str) -> int:
    return int(_to_digits(value)) % 97


def calc_check_digits(country: str, bban_part: str) -> str:
    """The two check digits for an IBAN made of ``country`` and ``bban_part``.

    >>> calc_check_digits("DE", "370400440532013000")
    '89'
    """
    country = country.upper()
    bban_part = compact(bban_part)
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InvalidFormat(f"country code must be two letters: {country!r}")
    if not _BBAN.match(bban_part):
        raise InvalidFormat(f"BBAN must be alphanumeric: {bban_part!r}")
    remainder = _mod97(bban_part + country + "00")
    return f"{98 - remainder:02d}"


def validate(value: str) -> str:
    """Check an IBAN and return it in compact form.

    Raises InvalidFormat, UnknownCountry, InvalidLength or InvalidChecksum (all
    ValidationError) in that order of checking.
    """
    number = compact(value)
    if not _STRUCTURE.match(number):
        raise InvalidFormat(f"not an IBAN: {value!r}")
    country = number[:2]
    expected = iban_length(country)
    if expected is None:
        raise UnknownCountry(f"unknown IBAN country: {country}")
    if len(number) != expected:
        raise InvalidLength(f"{country} IBANs have {expected} characters, got {len(number)}")
    if _mod97(number[4:] + number[:4]) != 1:
        raise InvalidChecksum(f"IBAN check digits do not match: {number}")
    return number


def is_valid(value: str) -> bool:
    """True when ``value`` is a valid IBAN; never raises for bad input."""
    try:
        validate(value)
    except (ValidationError, TypeError):
        return False
    return True


def format(value: str, separator: str = " ") -> str:  # noqa: A001 - mirrors the printed format's name
    """Print an IBAN in groups of four characters, the last group possibly shorter.

    >>> format("GB82WEST12345698765432")
    'GB82 WEST 1234 5698 7654 32'
    """
    number = validate(value)
    return separator.join(number[i : i + 4] for i in range(0, len(number), 4))


def country_code(value: str) -> str:
    return validate(value)[:2]


def bban(value: str) -> str:
    """The BBAN part of a valid IBAN (everything after the check digits)."""
    return validate(value)[4:]


def make(country: str, bban_part: str) -> str:
    """Build and validate an IBAN from a country code and a BBAN."""
    bban_part = compact(bban_part)
    number = country.upper() + calc_check_digits(country, bban_part) + bban_part
    return validate(number)
