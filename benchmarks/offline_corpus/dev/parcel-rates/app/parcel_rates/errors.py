"""Exceptions raised by parcel_rates. All are ValueErrors: they come from the caller's input."""


class ShippingError(ValueError):
    """Base class of this library's errors."""


class UnknownDestination(ShippingError):
    """The destination country code is not one we ship to."""


class ParcelRejected(ShippingError):
    """The parcel is too heavy or too large to be carried."""


class ServiceUnavailable(ShippingError):
    """The service is not offered to the destination's zone."""
