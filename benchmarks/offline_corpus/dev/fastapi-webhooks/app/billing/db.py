import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscription (
    id TEXT PRIMARY KEY,
    customer TEXT NOT NULL,
    plan TEXT NOT NULL,
    status TEXT NOT NULL,
    current_period_end INTEGER NOT NULL,
    cancelled_at INTEGER
);
CREATE TABLE IF NOT EXISTS processed_event (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at INTEGER NOT NULL
);
"""


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def create_schema(path: str) -> None:
    conn = connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.commit()
    finally:
        conn.close()
