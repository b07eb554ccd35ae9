from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation


class ReadingError(ValueError):
    def __init__(self, message: str, lineno: int) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.message = message
        self.lineno = lineno


@dataclass(frozen=True)
class Reading:
    day: date
    kwh: Decimal


def _parse_kwh(text: str, lineno: int) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ReadingError(f"not a number: {text!r}", lineno) from None
    if not value.is_finite() or value < 0:
        raise ReadingError(f"not a meter value: {text!r}", lineno)
    if value.as_tuple().exponent < -1:
        raise ReadingError("meters read to 0.1 kWh", lineno)
    return value


def parse_readings(text: str) -> list[Reading]:
    """Parse "YYYY-MM-DD,kWh" lines; blank lines and lines starting with # are skipped.

    Dates must increase strictly and the meter may not run backwards."""
    readings: list[Reading] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) != 2:
            raise ReadingError("expected date,kwh", lineno)
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            raise ReadingError(f"bad date: {parts[0]!r}", lineno) from None
        kwh = _parse_kwh(parts[1], lineno)
        if readings:
            previous = readings[-1]
            if day <= previous.day:
                raise ReadingError(f"{day} is not after {previous.day}", lineno)
            if kwh < previous.kwh:
                raise ReadingError(f"meter went backwards from {previous.kwh} to {kwh}", lineno)
        readings.append(Reading(day, kwh))
    return readings
