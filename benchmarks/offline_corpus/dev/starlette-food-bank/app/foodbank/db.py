"""sqlite3 storage. The schema is applied when the app is created; volunteers are added from a shell."""

import hashlib
import hmac
import secrets
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS volunteers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT UNIQUE NOT NULL,
    password_hash TEXT NOT NULL,
    site TEXT NOT NULL,
    is_coordinator INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS households (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER NOT NULL REFERENCES households (id),
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id),
    items TEXT NOT NULL,
    points INTEGER NOT NULL,
    visited_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS visits_by_household ON visits (household_id, visited_at);
"""


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def init_db(path: str) -> None:
    with connect(path) as conn:
        conn.executescript(SCHEMA)


PASSWORD_ITERATIONS = 150_000


def hash_password(password: str, salt: str | None = None, iterations: int | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    iterations = iterations or PASSWORD_ITERATIONS
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations).hex()
    return f"{iterations}${salt}${digest}"


def check_password(password: str, stored: str) -> bool:
    iterations, salt, digest = stored.split("$")
    return hmac.compare_digest(hash_password(password, salt, int(iterations)).rsplit("$", 1)[1], digest)


def add_volunteer(path: str, username: str, password: str, site: str, *, coordinator: bool = False) -> int:
    with connect(path) as conn:
        cur = conn.execute(
            "INSERT INTO volunteers (username, password_hash, site, is_coordinator) VALUES (?, ?, ?, ?)",
            (username, hash_password(password), site, int(coordinator)),
        )
        return cur.lastrowid
