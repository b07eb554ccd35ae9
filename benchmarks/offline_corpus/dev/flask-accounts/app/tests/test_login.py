import sqlite3

from .conftest import PASSWORD, login


def test_login_returns_an_opaque_bearer_token(client, confirmed):
    confirmed()
    response = login(client)
    assert response.status_code == 200
    body = response.get_json()
    assert body["token_type"] == "bearer"
    assert len(body["token"]) >= 32
    assert body["token"].count(".") == 0


def test_token_is_stored_hashed(client, app, confirmed):
    confirmed()
    token = login(client).get_json()["token"]
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        stored = [row[0] for row in conn.execute("SELECT token_hash FROM sessions")]
    assert len(stored) == 1
    assert token not in stored[0]


def test_login_email_is_case_insensitive(client, confirmed):
    confirmed()
    assert login(client, "ALICE@example.com").status_code == 200


def test_wrong_password_and_unknown_user_are_401(client, confirmed):
    confirmed()
    assert login(client, password="wrong-password-1").status_code == 401
    assert login(client, "nobody@example.com").status_code == 401


def test_missing_fields_are_400(client):
    assert client.post("/login", json={"email": "alice@example.com"}).status_code == 400


def fail(client, times, email="alice@example.com"):
    return [login(client, email, password="wrong-password-1").status_code for _ in range(times)]


def test_fifth_failure_locks_the_account(client, confirmed):
    confirmed()
    assert fail(client, 5) == [401, 401, 401, 401, 423]
    response = login(client)
    assert response.status_code == 423
    assert response.get_json() == {"error": "account locked"}
    assert response.headers["Retry-After"] == str(15 * 60)


def test_four_failures_do_not_lock(client, confirmed):
    confirmed()
    assert fail(client, 4) == [401] * 4
    assert login(client).status_code == 200


def test_success_resets_the_failure_count(client, confirmed):
    confirmed()
    fail(client, 4)
    assert login(client).status_code == 200
    assert fail(client, 4) == [401] * 4
    assert login(client).status_code == 200


def test_lock_lasts_the_configured_minutes(client, clock, confirmed):
    confirmed()
    fail(client, 5)
    clock.advance(15 * 60 - 1)
    response = login(client)
    assert response.status_code == 423
    assert response.headers["Retry-After"] == "1"
    clock.advance(1)
    assert login(client).status_code == 200


def test_failures_after_the_lock_start_from_zero(client, clock, confirmed):
    confirmed()
    fail(client, 5)
    clock.advance(15 * 60)
    assert fail(client, 4) == [401] * 4


def test_lockout_counts_per_account(client, confirmed):
    confirmed()
    confirmed("bob@example.com")
    fail(client, 5)
    assert login(client, "bob@example.com").status_code == 200


def test_lockout_settings_come_from_config(tmp_path, clock):
    from accounts import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.db"), "MAX_FAILED_LOGINS": 2,
                      "LOCKOUT_MINUTES": 1, "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "CLOCK": clock})
    client = app.test_client()
    client.post("/signup", json={"email": "alice@example.com", "password": PASSWORD})
    assert fail(client, 2) == [401, 423]
    clock.advance(60)
    assert login(client).status_code == 403  # unlocked, but never confirmed
