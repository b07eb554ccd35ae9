from decimal import Decimal

import pytest

from parcel_rates import (
    Parcel,
    ParcelRejected,
    Quote,
    Service,
    ServiceUnavailable,
    ShippingError,
    UnknownDestination,
    base_price,
    check_parcel,
    insurance_premium,
    quote,
    zone_for,
)

SMALL = Parcel(20, 15, 8, weight_kg="0.4")  # billable 0.5 kg


@pytest.mark.parametrize(
    "code, zone", [("DE", 0), ("fr", 1), (" at ", 1), ("IT", 2), ("us", 3), ("JP", 4)]
)
def test_zones(code, zone):
    assert zone_for(code) == zone


@pytest.mark.parametrize("code", ["XX", "", "DEU"])
def test_unknown_destination(code):
    with pytest.raises(UnknownDestination):
        zone_for(code)


@pytest.mark.parametrize(
    "weight, zone, service, price",
    [
        ("0.5", 0, Service.STANDARD, "4.50"),
        ("1.0", 0, Service.STANDARD, "4.90"),
        ("5.0", 1, Service.STANDARD, "18.00"),
        ("5.0", 1, Service.EXPRESS, "28.80"),
        ("0.5", 0, Service.ECONOMY, "3.83"),  # 3.825 rounds half up
        ("2.0", 3, Service.STANDARD, "25.30"),
        ("10.0", 4, Service.ECONOMY, "81.18"),
    ],
)
def test_base_price(weight, zone, service, price):
    assert base_price(Decimal(weight), zone=zone, service=service) == Decimal(price)


def test_single_parcel_quote():
    result = quote([Parcel(40, 30, 20, weight_kg=3)], destination=" fr ", service=Service.EXPRESS)
    assert isinstance(result, Quote)
    assert result.destination == "FR"
    assert result.zone == 1
    assert result.service is Service.EXPRESS
    (line,) = result.lines
    assert line.billable_weight == Decimal("5.0")
    assert line.base == Decimal("28.80")
    assert line.oversize == Decimal("0.00")
    assert line.fuel == Decimal("2.45")  # 8.5% of 28.80 = 2.448
    assert line.total == Decimal("31.25")
    assert result.insurance == Decimal("0.00")
    assert result.total == Decimal("31.25")


def test_default_service_is_standard():
    assert quote([SMALL], destination="DE").service is Service.STANDARD


def test_multi_parcel_quote_with_oversize_and_insurance():
    parcels = [Parcel(40, 30, 20, weight_kg=3), Parcel(110, 30, 20, weight_kg="7.2")]
    result = quote(parcels, destination="FR", service=Service.EXPRESS, insured_value=300)
    first, second = result.lines
    assert second.billable_weight == Decimal("13.5")
    assert second.base == Decimal("53.28")
    assert second.oversize == Decimal("12.00")
    assert second.fuel == Decimal("4.53")  # the oversize surcharge carries no fuel
    assert result.insurance == Decimal("3.00")
    assert result.total == Decimal("104.06")


def test_oversize_starts_above_100_cm():
    at_limit = quote([Parcel(100, 10, 10, weight_kg=1)], destination="DE").lines[0]
    over = quote([Parcel("100.1", 10, 10, weight_kg=1)], destination="DE").lines[0]
    assert at_limit.oversize == Decimal("0.00")
    assert over.oversize == Decimal("12.00")


def test_fuel_surcharge_rounds_half_up():
    line = quote([SMALL], destination="DE", fuel_pct="5").lines[0]
    assert line.base == Decimal("4.50")
    assert line.fuel == Decimal("0.23")  # 0.225


def test_zero_fuel_surcharge():
    assert quote([SMALL], destination="DE", fuel_pct=0).lines[0].fuel == Decimal("0.00")


def test_negative_fuel_surcharge():
    with pytest.raises(ValueError):
        quote([SMALL], destination="DE", fuel_pct=-1)


def test_empty_shipment():
    with pytest.raises(ValueError):
        quote([], destination="DE")


def test_express_not_offered_to_zone_4():
    with pytest.raises(ServiceUnavailable):
        quote([SMALL], destination="AU", service=Service.EXPRESS)
    assert quote([SMALL], destination="AU", service=Service.STANDARD).zone == 4


@pytest.mark.parametrize(
    "parcel",
    [
        Parcel(10, 10, 10, weight_kg="31.6"),
        Parcel(151, 10, 10, weight_kg=1),
        Parcel(100, 51, 50, weight_kg=1),  # 100 + 2 * 101 = 302
    ],
)
def test_rejected_parcels(parcel):
    with pytest.raises(ParcelRejected):
        check_parcel(parcel)
    with pytest.raises(ParcelRejected):
        quote([SMALL, parcel], destination="DE")


@pytest.mark.parametrize(
    "parcel",
    [
        Parcel(10, 10, 10, weight_kg="31.5"),
        Parcel(150, 10, 10, weight_kg=1),
        Parcel(100, 50, 50, weight_kg=1),  # exactly 300
    ],
)
def test_parcels_at_the_limits_are_accepted(parcel):
    check_parcel(parcel)


@pytest.mark.parametrize(
    "value, premium",
    [("100", "2.50"), ("249", "2.50"), ("250", "2.50"), ("300", "3.00"), ("1234.50", "12.35"), ("2500", "25.00")],
)
def test_insurance_premium(value, premium):
    assert insurance_premium(value) == Decimal(premium)


def test_insurance_limit():
    with pytest.raises(ShippingError):
        insurance_premium("2500.01")
    with pytest.raises(ValueError):
        insurance_premium(0)


def test_errors_are_value_errors():
    for error in (UnknownDestination, ParcelRejected, ServiceUnavailable):
        assert issubclass(error, ShippingError)
        assert issubclass(error, ValueError)
