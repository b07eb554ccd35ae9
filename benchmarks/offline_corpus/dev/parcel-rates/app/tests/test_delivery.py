from datetime import date, datetime

import pytest

from parcel_rates import (
    Service,
    ServiceUnavailable,
    UnknownDestination,
    add_business_days,
    dispatch_date,
    estimate_delivery,
    is_business_day,
)

# 2026-06-01 is a Monday
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 6, d) for d in range(1, 8))


def test_business_days():
    assert [is_business_day(d) for d in (MON, TUE, WED, THU, FRI, SAT, SUN)] == [True] * 5 + [False] * 2
    assert is_business_day(WED, holidays=[WED]) is False


def test_add_business_days_skips_weekends_and_holidays():
    assert add_business_days(FRI, 1) == date(2026, 6, 8)
    assert add_business_days(THU, 2) == date(2026, 6, 8)
    assert add_business_days(MON, 3, holidays=[TUE]) == FRI
    assert add_business_days(WED, 0) == WED
    with pytest.raises(ValueError):
        add_business_days(WED, -1)


def test_dispatch_before_cutoff_is_same_day():
    assert dispatch_date(datetime(2026, 6, 3, 14, 59)) == WED


def test_dispatch_at_cutoff_is_next_day():
    assert dispatch_date(datetime(2026, 6, 3, 15, 0)) == THU


def test_dispatch_friday_afternoon_is_monday():
    assert dispatch_date(datetime(2026, 6, 5, 16, 0)) == date(2026, 6, 8)


def test_dispatch_on_weekend_or_holiday():
    assert dispatch_date(datetime(2026, 6, 6, 9, 0)) == date(2026, 6, 8)
    assert dispatch_date(datetime(2026, 6, 7, 9, 0)) == date(2026, 6, 8)
    assert dispatch_date(datetime(2026, 6, 3, 9, 0), holidays=[WED]) == THU


@pytest.mark.parametrize(
    "handed_in, destination, service, expected",
    [
        (datetime(2026, 6, 1, 10), "DE", Service.STANDARD, TUE),
        (datetime(2026, 6, 1, 10), "de", Service.EXPRESS, TUE),
        (datetime(2026, 6, 1, 10), "FR", Service.STANDARD, THU),
        (datetime(2026, 6, 1, 10), "FR", Service.EXPRESS, TUE),
        (datetime(2026, 6, 1, 10), "DE", Service.ECONOMY, THU),
        (datetime(2026, 6, 4, 10), "IT", Service.STANDARD, date(2026, 6, 10)),
        (datetime(2026, 6, 5, 15, 30), "DE", Service.STANDARD, date(2026, 6, 9)),
        (datetime(2026, 6, 1, 10), "JP", Service.ECONOMY, date(2026, 6, 17)),
    ],
)
def test_estimate_delivery(handed_in, destination, service, expected):
    assert estimate_delivery(handed_in, destination=destination, service=service) == expected


def test_estimate_delivery_with_holidays():
    handed_in = datetime(2026, 6, 1, 10)
    assert estimate_delivery(handed_in, destination="FR", holidays=[TUE, WED]) == date(2026, 6, 8)


def test_estimate_delivery_errors():
    with pytest.raises(ServiceUnavailable):
        estimate_delivery(datetime(2026, 6, 1, 10), destination="NZ", service=Service.EXPRESS)
    with pytest.raises(UnknownDestination):
        estimate_delivery(datetime(2026, 6, 1, 10), destination="ZZ")
