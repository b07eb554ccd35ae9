"""SQLite schema for the shop."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE products (sku TEXT PRIMARY KEY, price_cents INTEGER NOT NULL, stock INTEGER NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer TEXT NOT NULL, sku TEXT NOT NULL,
                     quantity INTEGER NOT NULL, total_cents INTEGER NOT NULL);
CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, payload TEXT NOT NULL,
                     sent INTEGER NOT NULL DEFAULT 0);
"""


def connect(path: str = ":memory:") -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.executescript(SCHEMA)
    return conn
