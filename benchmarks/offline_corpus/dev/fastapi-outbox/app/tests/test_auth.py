from .conftest import ALICE, BOB


def test_missing_key_is_401(client):
    assert client.get("/messages").status_code == 401


def test_unknown_key_is_401(client):
    assert client.get("/messages", headers={"X-API-Key": "nope"}).status_code == 401


def test_seeded_keys_work(client):
    assert client.get("/messages", headers=ALICE).status_code == 200
    assert client.get("/messages", headers=BOB).status_code == 200


def test_keys_are_stored_hashed(client):
    import sqlite3

    from outbox.config import get_settings

    conn = sqlite3.connect(get_settings().database_path)
    stored = [row[0] for row in conn.execute("SELECT key_hash FROM api_keys")]
    conn.close()
    assert len(stored) == 2
    assert "alice-key" not in stored and "bob-key" not in stored
