from datetime import date
from decimal import Decimal

import pytest

from meterbill import Reading, Tariff, bill_period, bill_readings, parse_readings

TARIFF = Tariff(
    standing_charge=Decimal("0.50"),
    daily_allowance_kwh=Decimal("10"),
    base_rate=Decimal("0.20"),
    high_rate=Decimal("0.30"),
    vat_percent=Decimal("5"),
)


def amounts(bill):
    return {line.label: line.amount for line in bill.lines}


def test_days_exclude_the_end_reading_day():
    bill = bill_period(Reading(date(2026, 1, 1), Decimal("0")), Reading(date(2026, 1, 31), Decimal("0")), TARIFF)
    assert bill.days == 30
    assert amounts(bill)["standing charge"] == Decimal("15.00")


def test_usage_within_allowance_is_base_rate_only():
    bill = bill_period(Reading(date(2026, 3, 1), Decimal("100")), Reading(date(2026, 3, 3), Decimal("105")), TARIFF)
    lines = amounts(bill)
    assert bill.kwh == Decimal("5")
    assert lines["energy (base)"] == Decimal("1.00")
    assert lines["energy (high)"] == Decimal("0.00")


def test_usage_exactly_at_allowance():
    bill = bill_period(Reading(date(2026, 3, 1), Decimal("0")), Reading(date(2026, 3, 3), Decimal("20")), TARIFF)
    lines = amounts(bill)
    assert lines["energy (base)"] == Decimal("4.00")
    assert lines["energy (high)"] == Decimal("0.00")


def test_usage_above_allowance_split():
    bill = bill_period(Reading(date(2026, 3, 1), Decimal("0")), Reading(date(2026, 3, 3), Decimal("25.5")), TARIFF)
    lines = amounts(bill)
    assert lines["energy (base)"] == Decimal("4.00")
    assert lines["energy (high)"] == Decimal("1.65")


def test_vat_on_standing_charge_and_energy():
    bill = bill_period(Reading(date(2026, 3, 1), Decimal("0")), Reading(date(2026, 3, 3), Decimal("25.5")), TARIFF)
    # standing 1.00 + base 4.00 + high 1.65 = 6.65; VAT 5% = 0.3325
    assert bill.net == Decimal("6.65")
    assert amounts(bill)["VAT"] == Decimal("0.33")
    assert bill.total == Decimal("6.98")


def test_line_amounts_round_half_up():
    tariff = Tariff(
        standing_charge=Decimal("0.125"),
        daily_allowance_kwh=Decimal("100"),
        base_rate=Decimal("0.25"),
        high_rate=Decimal("0.30"),
        vat_percent=Decimal("0"),
    )
    bill = bill_period(Reading(date(2026, 1, 1), Decimal("0")), Reading(date(2026, 1, 2), Decimal("0.1")), tariff)
    lines = amounts(bill)
    assert lines["standing charge"] == Decimal("0.13")
    assert lines["energy (base)"] == Decimal("0.03")


def test_standing_charge_only_with_zero_usage():
    bill = bill_period(Reading(date(2026, 1, 1), Decimal("7")), Reading(date(2026, 1, 11), Decimal("7")), TARIFF)
    assert bill.total == Decimal("5.25")


def test_period_must_move_forward():
    with pytest.raises(ValueError):
        bill_period(Reading(date(2026, 1, 2), Decimal("0")), Reading(date(2026, 1, 2), Decimal("1")), TARIFF)


def test_tariff_refuses_negative_prices():
    with pytest.raises(ValueError):
        Tariff(Decimal("-1"), Decimal("1"), Decimal("1"), Decimal("1"))


def test_bill_readings_bills_every_consecutive_pair():
    readings = parse_readings("2026-01-01,0\n2026-01-02,5\n2026-01-04,30\n")
    bills = bill_readings(readings, TARIFF)
    assert [(b.start, b.end, b.kwh) for b in bills] == [
        (date(2026, 1, 1), date(2026, 1, 2), Decimal("5")),
        (date(2026, 1, 2), date(2026, 1, 4), Decimal("25")),
    ]
    assert bill_readings(readings[:1], TARIFF) == []
