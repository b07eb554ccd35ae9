"""Placing an order: one transaction writes the order, takes the stock, and queues the confirmation.

The e-mail is never sent here: a relay process reads `outbox` and sends it, so a crash after the
commit cannot lose the message and a rollback cannot send one for an order that does not exist.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Protocol


class OutOfStock(Exception):
    """Not enough stock for the requested quantity."""


class Mailer(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


@dataclass
class Receipt:
    order_id: int
    total_cents: int


def place_order(conn: sqlite3.Connection, customer: str, sku: str, quantity: int) -> Receipt:
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    with conn:
        product = conn.execute("SELECT * FROM products WHERE sku = ?", (sku,)).fetchone()
        if product is None:
            raise KeyError(sku)
        if product["stock"] < quantity:
            raise OutOfStock(f"{sku}: {product['stock']} left, {quantity} wanted")
        total = product["price_cents"] * quantity
        cur = conn.execute("INSERT INTO orders (customer, sku, quantity, total_cents) VALUES (?, ?, ?, ?)",
                           (customer, sku, quantity, total))
        conn.execute("UPDATE products SET stock = stock - ? WHERE sku = ?", (quantity, sku))
        order_id = int(cur.lastrowid or 0)
        conn.execute("INSERT INTO outbox (kind, payload) VALUES (?, ?)",
                     ("order_confirmation", json.dumps({"order_id": order_id, "to": customer})))
    return Receipt(order_id, total)


def relay_outbox(conn: sqlite3.Connection, mailer: Mailer) -> int:
    """Send every unsent message once; returns how many were sent."""
    sent = 0
    rows = conn.execute("SELECT * FROM outbox WHERE sent = 0 ORDER BY id").fetchall()
    for row in rows:
        payload = json.loads(row["payload"])
        mailer.send(payload["to"], "Your order", f"Order {payload['order_id']} is confirmed.")
        with conn:
            conn.execute("UPDATE outbox SET sent = 1 WHERE id = ?", (row["id"],))
        sent += 1
    return sent
