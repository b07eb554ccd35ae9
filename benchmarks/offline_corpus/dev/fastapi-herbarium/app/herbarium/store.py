"""In-memory specimen store with versions and soft delete."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


class SpecimenStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[int, dict[str, Any]] = {}
        self._next_id = 1

    def add(self, data: dict[str, Any], collector: str) -> dict[str, Any]:
        with self._lock:
            row = {**data, "id": self._next_id, "collector": collector, "version": 1, "deleted": False}
            self._rows[row["id"]] = row
            self._next_id += 1
            return dict(row)

    def get(self, specimen_id: int, *, include_deleted: bool = False) -> dict[str, Any] | None:
        row = self._rows.get(specimen_id)
        if row is None or (row["deleted"] and not include_deleted):
            return None
        return dict(row)

    def update(self, specimen_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            row = self._rows[specimen_id]
            row.update(changes)
            row["version"] += 1
            return dict(row)

    def set_deleted(self, specimen_id: int, deleted: bool) -> dict[str, Any]:
        with self._lock:
            row = self._rows[specimen_id]
            row["deleted"] = deleted
            row["version"] += 1
            return dict(row)

    def search(
        self,
        *,
        family: str | None = None,
        country: str | None = None,
        collector: str | None = None,
        min_elevation: int | None = None,
        max_elevation: int | None = None,
        collected_from: date | None = None,
        collected_to: date | None = None,
        include_deleted: bool = False,
    ) -> list[dict[str, Any]]:
        found = []
        for row in sorted(self._rows.values(), key=lambda r: r["id"]):
            if row["deleted"] and not include_deleted:
                continue
            if family is not None and row["family"].lower() != family.lower():
                continue
            if country is not None and row["country"] != country.upper():
                continue
            if collector is not None and row["collector"] != collector:
                continue
            elevation = row.get("elevation_m")
            if min_elevation is not None and (elevation is None or elevation < min_elevation):
                continue
            if max_elevation is not None and (elevation is None or elevation > max_elevation):
                continue
            if collected_from is not None and row["collected_on"] < collected_from:
                continue
            if collected_to is not None and row["collected_on"] > collected_to:
                continue
            found.append(dict(row))
        return found

    def summary(self) -> dict[str, Any]:
        active = [r for r in self._rows.values() if not r["deleted"]]
        elevations = [r["elevation_m"] for r in active if r.get("elevation_m") is not None]
        mean = None
        if elevations:
            exact = Decimal(sum(elevations)) / Decimal(len(elevations))
            mean = float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        dates = [r["collected_on"] for r in active]
        return {
            "total": len(active),
            "deleted": len(self._rows) - len(active),
            "by_family": dict(sorted(Counter(r["family"] for r in active).items())),
            "by_collector": dict(sorted(Counter(r["collector"] for r in active).items())),
            "mean_elevation_m": mean,
            "earliest": min(dates).isoformat() if dates else None,
            "latest": max(dates).isoformat() if dates else None,
        }
