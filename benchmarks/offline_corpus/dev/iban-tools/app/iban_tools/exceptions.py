"""Exceptions raised by the validators.

Every validator raises a subclass of :class:`ValidationError`, so callers that
do not care about the reason can catch that one class.
"""


class ValidationError(ValueError):
    """The value is not a valid identifier."""


class InvalidFormat(ValidationError):
    """The value contains characters or a structure that is not allowed."""


class InvalidLength(ValidationError):
    """The value has the wrong number of characters."""


class InvalidChecksum(ValidationError):
    """The check digits do not match the rest of the value."""


class UnknownCountry(ValidationError):
    """The IBAN's country code is not one we know the format of."""
