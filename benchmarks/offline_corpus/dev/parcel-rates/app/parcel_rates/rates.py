"""Pricing: zones, the rate card, surcharges and insurance."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from .errors import ParcelRejected, ServiceUnavailable, ShippingError, UnknownDestination
from .model import WEIGHT_STEP, Parcel, Quote, QuoteLine, Service, to_decimal

CENT = Decimal("0.01")
ORIGIN = "DE"

ZONES: dict[str, int] = {
    "DE": 0,
    **dict.fromkeys(["AT", "BE", "CH", "CZ", "DK", "FR", "LU", "NL", "PL"], 1),
    **dict.fromkeys(["ES", "FI", "GR", "HU", "IE", "IT", "PT", "RO", "SE", "SK"], 2),
    **dict.fromkeys(["CA", "GB", "NO", "US"], 3),
    **dict.fromkeys(["AU", "BR", "JP", "NZ", "ZA"], 4),
}

# zone -> (price of the first 0.5 kg, price of each further 0.5 kg), for the standard service
RATE_CARD: dict[int, tuple[Decimal, Decimal]] = {
    0: (Decimal("4.50"), Decimal("0.40")),
    1: (Decimal("9.90"), Decimal("0.90")),
    2: (Decimal("12.50"), Decimal("1.20")),
    3: (Decimal("19.00"), Decimal("2.10")),
    4: (Decimal("29.00"), Decimal("3.50")),
}

SERVICE_FACTOR: dict[Service, Decimal] = {
    Service.ECONOMY: Decimal("0.85"),
    Service.STANDARD: Decimal("1.00"),
    Service.EXPRESS: Decimal("1.60"),
}

MAX_WEIGHT_KG = Decimal("31.5")
MAX_LONGEST_CM = Decimal(150)
MAX_GIRTH_CM = Decimal(300)
OVERSIZE_FROM_CM = Decimal(100)  # longest side strictly above this pays the oversize surcharge
OVERSIZE_SURCHARGE = Decimal("12.00")
INSURANCE_RATE = Decimal("0.01")
INSURANCE_MINIMUM = Decimal("2.50")
MAX_INSURED_VALUE = Decimal("2500")


def cents(amount: Decimal) -> Decimal:
    """Round to cents, half up (0.005 -> 0.01)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def zone_for(destination: str) -> int:
    """The zone of an ISO 3166 country code (case and surrounding spaces do not matter)."""
    code = destination.strip().upper()
    try:
        return ZONES[code]
    except KeyError:
        raise UnknownDestination(f"we do not ship to {destination!r}") from None


def check_service(zone: int, service: Service) -> None:
    """Raise ServiceUnavailable if `service` is not offered in `zone` (express does not go to zone 4)."""
    if service is Service.EXPRESS and zone == 4:
        raise ServiceUnavailable("express is not available to zone 4")


def check_parcel(parcel: Parcel) -> None:
    """Raise ParcelRejected if the parcel is over the weight or size limits."""
    if parcel.weight_kg > MAX_WEIGHT_KG:
        raise ParcelRejected(f"{parcel.weight_kg} kg is over the {MAX_WEIGHT_KG} kg limit")
    if parcel.longest_side > MAX_LONGEST_CM:
        raise ParcelRejected(f"the longest side may be at most {MAX_LONGEST_CM} cm")
    if parcel.girth > MAX_GIRTH_CM:
        raise ParcelRejected(f"length plus girth {parcel.girth} cm is over {MAX_GIRTH_CM} cm")


def base_price(billable_weight: Decimal, *, zone: int, service: Service) -> Decimal:
    """The rate card price for a billable weight (a multiple of 0.5 kg), adjusted for the service."""
    first, further = RATE_CARD[zone]
    extra_steps = billable_weight / WEIGHT_STEP - 1
    return cents((first + further * extra_steps) * SERVICE_FACTOR[service])


def insurance_premium(insured_value: Decimal | int | str) -> Decimal:
    """1% of the declared value, at least 2.50; values above 2500 cannot be insured."""
    value = to_decimal(insured_value, "insured_value")
    if value > MAX_INSURED_VALUE:
        raise ShippingError(f"we insure up to {MAX_INSURED_VALUE}, not {value}")
    return max(cents(value * INSURANCE_RATE), INSURANCE_MINIMUM)


def quote(
    parcels: Sequence[Parcel],
    *,
    destination: str,
    service: Service = Service.STANDARD,
    fuel_pct: Decimal | int | str = Decimal("8.5"),
    insured_value: Decimal | int | str | None = None,
) -> Quote:
    """Price a shipment of one or more parcels to `destination`.

    Each parcel pays the base price for its billable weight, 12.00 if its longest side is over 100 cm, and a fuel
    surcharge of `fuel_pct` percent of its base price (the oversize surcharge carries no fuel). Insurance, if a value
    is declared, is charged once for the whole shipment.
    """
    if not parcels:
        raise ValueError("a shipment needs at least one parcel")
    fuel_rate = Decimal(fuel_pct) / 100
    if fuel_rate < 0:
        raise ValueError("fuel_pct must not be negative")
    zone = zone_for(destination)
    check_service(zone, service)
    lines = []
    for parcel in parcels:
        check_parcel(parcel)
        billable = parcel.billable_weight
        base = base_price(billable, zone=zone, service=service)
        oversize = OVERSIZE_SURCHARGE if parcel.longest_side > OVERSIZE_FROM_CM else Decimal("0.00")
        fuel = cents(base * fuel_rate)
        lines.append(QuoteLine(parcel=parcel, billable_weight=billable, base=base, oversize=oversize, fuel=fuel))
    insurance = Decimal("0.00") if insured_value is None else insurance_premium(insured_value)
    return Quote(
        destination=destination.strip().upper(),
        zone=zone,
        service=service,
        lines=tuple(lines),
        insurance=insurance,
    )
