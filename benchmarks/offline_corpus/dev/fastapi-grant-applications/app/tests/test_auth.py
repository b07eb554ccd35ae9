from datetime import datetime, timedelta, timezone

import jwt

from .conftest import account


def test_register_and_me(client):
    user = account(client, "Carol@Example.com", "reviewer")
    me = client.get("/auth/me", headers=user["headers"])
    assert me.status_code == 200
    assert me.json() == {"id": user["id"], "email": "carol@example.com", "role": "reviewer"}


def test_duplicate_email(client, alice):
    response = client.post("/auth/register", json={"email": "ALICE@example.com", "password": "another-pass"})
    assert response.status_code == 409


def test_wrong_password(client, alice):
    response = client.post("/auth/token", data={"username": "alice@example.com", "password": "wrong-horse"})
    assert response.status_code == 401


def test_missing_or_bad_token(client):
    assert client.get("/auth/me").status_code == 401
    assert client.get("/auth/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_expired_token_refused(client, alice):
    past = datetime.now(timezone.utc) - timedelta(hours=2)
    token = jwt.encode(
        {"sub": str(alice["id"]), "role": "applicant", "iat": past, "exp": past + timedelta(minutes=30)},
        "test-secret-key-that-is-at-least-32-bytes",
        algorithm="HS256",
    )
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
