"""Configuration. Tokens are static here; a real deployment would read them from a secret store."""

from __future__ import annotations

import os

DATABASE_PATH = os.environ.get("ORDERS_DB", "orders.db")

API_TOKENS = {
    "admin-token": {"user": "ops", "role": "admin"},
    "alice-token": {"user": "alice", "role": "customer"},
    "bob-token": {"user": "bob", "role": "customer"},
}
