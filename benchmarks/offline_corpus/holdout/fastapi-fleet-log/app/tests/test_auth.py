from datetime import datetime, timedelta, timezone

import jwt


def test_register_returns_201_and_driver_role(client):
    response = client.post("/auth/register", json={"email": "Dana@Example.com", "name": "Dana",
                                                   "password": "long enough pw"})
    assert response.status_code == 201
    assert response.json()["email"] == "dana@example.com"
    assert response.json()["role"] == "driver"


def test_duplicate_email_conflicts(client, register):
    register("dana@example.com")
    response = client.post("/auth/register", json={"email": "DANA@example.com", "name": "x",
                                                   "password": "long enough pw"})
    assert response.status_code == 409


def test_short_password_refused(client):
    response = client.post("/auth/register", json={"email": "a@b.c", "name": "A", "password": "short"})
    assert response.status_code == 422


def test_admin_email_gets_admin_role_case_insensitively(client):
    response = client.post("/auth/register", json={"email": "Fleet@Example.COM", "name": "F",
                                                   "password": "long enough pw"})
    assert response.json()["role"] == "admin"


def test_wrong_password_is_401(client, register):
    register("dana@example.com")
    response = client.post("/auth/token", json={"email": "dana@example.com", "password": "nope nope"})
    assert response.status_code == 401


def test_missing_and_garbage_tokens_are_401(client):
    assert client.get("/vehicles").status_code == 401
    assert client.get("/vehicles", headers={"Authorization": "Bearer garbage"}).status_code == 401


def test_expired_token_is_401(client, register, settings):
    register("dana@example.com")
    expired = jwt.encode({"sub": "1", "role": "driver", "exp": datetime.now(timezone.utc) - timedelta(minutes=1)},
                         settings.secret_key, algorithm="HS256")
    assert client.get("/vehicles", headers={"Authorization": f"Bearer {expired}"}).status_code == 401


def test_token_signed_with_other_secret_is_401(client, register):
    register("dana@example.com")
    forged = jwt.encode({"sub": "1", "role": "admin", "exp": datetime.now(timezone.utc) + timedelta(minutes=5)},
                        "another-secret-key-of-some-length", algorithm="HS256")
    assert client.get("/vehicles", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
