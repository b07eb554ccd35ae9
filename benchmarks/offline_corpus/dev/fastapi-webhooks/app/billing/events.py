"""Applying the provider's subscription events to our records."""

import sqlite3
from typing import Any

HANDLED_TYPES = ("subscription.created", "subscription.renewed", "subscription.cancelled")


class EventError(Exception):
    pass


def _object(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise EventError("event has no data.object with an id")
    return obj


def _period_end(obj: dict[str, Any]) -> int:
    value = obj.get("current_period_end")
    if not isinstance(value, int) or isinstance(value, bool):
        raise EventError("current_period_end must be an integer timestamp")
    return value


def apply_event(db: sqlite3.Connection, event: dict[str, Any]) -> None:
    kind = event["type"]
    obj = _object(event)
    if kind == "subscription.created":
        db.execute(
            "INSERT INTO subscription (id, customer, plan, status, current_period_end)"
            " VALUES (?, ?, ?, 'active', ?)"
            " ON CONFLICT (id) DO UPDATE SET customer = excluded.customer, plan = excluded.plan,"
            " status = 'active', current_period_end = excluded.current_period_end, cancelled_at = NULL",
            (obj["id"], str(obj.get("customer", "")), str(obj.get("plan", "")), _period_end(obj)),
        )
    elif kind == "subscription.renewed":
        # Deliveries can arrive out of order: a late, older renewal must not move the period end back.
        db.execute(
            "UPDATE subscription SET status = 'active', cancelled_at = NULL,"
            " current_period_end = MAX(current_period_end, ?) WHERE id = ?",
            (_period_end(obj), obj["id"]),
        )
    elif kind == "subscription.cancelled":
        db.execute(
            "UPDATE subscription SET status = 'cancelled', cancelled_at = ? WHERE id = ?",
            (int(event.get("created") or 0), obj["id"]),
        )
