"""Validate, format and build bank identifiers."""

from . import cards, iban
from .cards import issuer, luhn_check_digit, luhn_checksum, luhn_is_valid, mask, validate_card
from .countries import IBAN_LENGTHS, iban_length, supported_countries
from .exceptions import InvalidChecksum, InvalidFormat, InvalidLength, UnknownCountry, ValidationError
from .util import compact

__all__ = [
    "IBAN_LENGTHS",
    "InvalidChecksum",
    "InvalidFormat",
    "InvalidLength",
    "UnknownCountry",
    "ValidationError",
    "cards",
    "compact",
    "iban",
    "iban_length",
    "issuer",
    "luhn_check_digit",
    "luhn_checksum",
    "luhn_is_valid",
    "mask",
    "supported_countries",
    "validate_card",
]
