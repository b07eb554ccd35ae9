from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .readings import Reading

CENT = Decimal("0.01")


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tariff:
    """Prices in pounds. The first `daily_allowance_kwh` per day of the period are charged at `base_rate`,
    the rest at `high_rate`. VAT applies to the whole bill."""

    standing_charge: Decimal
    daily_allowance_kwh: Decimal
    base_rate: Decimal
    high_rate: Decimal
    vat_percent: Decimal = Decimal("5")

    def __post_init__(self) -> None:
        for name in ("standing_charge", "daily_allowance_kwh", "base_rate", "high_rate", "vat_percent"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class BillLine:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class Bill:
    start: date
    end: date
    days: int
    kwh: Decimal
    lines: tuple[BillLine, ...]

    @property
    def net(self) -> Decimal:
        return sum((line.amount for line in self.lines if line.label != "VAT"), Decimal("0"))

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))


def bill_period(previous: Reading, current: Reading, tariff: Tariff) -> Bill:
    """Bill the days from `previous.day` up to, not including, `current.day`."""
    days = (current.day - previous.day).days
    if days <= 0:
        raise ValueError("readings must be in date order")
    kwh = current.kwh - previous.kwh
    allowance = tariff.daily_allowance_kwh * days
    base_kwh = min(kwh, allowance)
    high_kwh = max(kwh - allowance, Decimal("0"))
    lines = [
        BillLine("standing charge", _money(tariff.standing_charge * days)),
        BillLine("energy (base)", _money(base_kwh * tariff.base_rate)),
        BillLine("energy (high)", _money(high_kwh * tariff.high_rate)),
    ]
    net = sum((line.amount for line in lines), Decimal("0"))
    lines.append(BillLine("VAT", _money(net * tariff.vat_percent / 100)))
    return Bill(previous.day, current.day, days, kwh, tuple(lines))


def bill_readings(readings: list[Reading], tariff: Tariff) -> list[Bill]:
    """One bill per pair of consecutive readings."""
    return [bill_period(a, b, tariff) for a, b in zip(readings, readings[1:])]
