"""parcel_rates: shipping quotes and delivery estimates for parcels sent from Germany.

    from parcel_rates import Parcel, Service, quote
    q = quote([Parcel(40, 30, 20, weight_kg=3)], destination="FR", service=Service.EXPRESS)
    q.total
"""

from .delivery import CUTOFF, add_business_days, dispatch_date, estimate_delivery, is_business_day
from .errors import ParcelRejected, ServiceUnavailable, ShippingError, UnknownDestination
from .model import Parcel, Quote, QuoteLine, Service
from .rates import base_price, check_parcel, insurance_premium, quote, zone_for

__all__ = [
    "CUTOFF",
    "Parcel",
    "ParcelRejected",
    "Quote",
    "QuoteLine",
    "Service",
    "ServiceUnavailable",
    "ShippingError",
    "UnknownDestination",
    "add_business_days",
    "base_price",
    "check_parcel",
    "dispatch_date",
    "estimate_delivery",
    "insurance_premium",
    "is_business_day",
    "quote",
    "zone_for",
]
