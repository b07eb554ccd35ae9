import hashlib
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES api_keys (id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    owner_id INTEGER NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    PRIMARY KEY (owner_id, idem_key)
);
"""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def init_db(path: str, api_keys: dict[str, str]) -> None:
    conn = connect(path)
    try:
        conn.executescript(SCHEMA)
        for key, name in api_keys.items():
            conn.execute(
                "INSERT OR IGNORE INTO api_keys (key_hash, name) VALUES (?, ?)",
                (hash_key(key), name),
            )
        conn.commit()
    finally:
        conn.close()
