import hashlib
import os
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    is_admin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ideas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE IF NOT EXISTS votes (
    idea_id INTEGER NOT NULL REFERENCES ideas (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (idea_id, user_id)
);
"""


def database_path():
    return os.environ.get("IDEAS_DB", "ideas.sqlite")


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def init_db(path: str, admin_key: str | None = None) -> None:
    conn = connect(path)
    try:
        conn.executescript(SCHEMA)
        if admin_key:
            conn.execute(
                "INSERT OR IGNORE INTO users (name, key_hash, is_admin) VALUES ('admin', ?, 1)",
                (hash_key(admin_key),),
            )
        conn.commit()
    finally:
        conn.close()
