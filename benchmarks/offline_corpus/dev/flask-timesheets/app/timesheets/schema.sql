DROP TABLE IF EXISTS approvals;
DROP TABLE IF EXISTS entries;
DROP TABLE IF EXISTS users;

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE NOT NULL,
    api_key_hash TEXT UNIQUE NOT NULL,
    manager_id INTEGER REFERENCES users (id)
);

CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    week TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX entries_user_week ON entries (user_id, week);

CREATE TABLE approvals (
    user_id INTEGER NOT NULL REFERENCES users (id),
    week TEXT NOT NULL,
    approved_by INTEGER NOT NULL REFERENCES users (id),
    approved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, week)
);
