from datetime import datetime, timedelta, timezone

import jwt
import pytest

from events.security import create_token


def test_register_and_login(client):
    assert client.post("/accounts", json={"username": "carol", "password": "password123"}).json() == {
        "username": "carol"
    }
    response = client.post("/token", json={"username": "carol", "password": "password123"})
    assert response.status_code == 200
    claims = jwt.decode(response.json()["access_token"], "test-secret-that-is-long-enough-for-hs256", ["HS256"])
    assert claims["sub"] == "carol"
    assert claims["exp"] - claims["iat"] == 30 * 60


def test_username_taken(client, alice):
    assert client.post("/accounts", json={"username": "alice", "password": "password123"}).status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"username": "ab", "password": "password123"},
        {"username": "Alice", "password": "password123"},
        {"username": "dave", "password": "short"},
    ],
)
def test_register_validation(client, body):
    assert client.post("/accounts", json=body).status_code == 422


def test_wrong_password(client, alice):
    response = client.post("/token", json={"username": "alice", "password": "password124"})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "token",
    [
        "not-a-jwt",
        jwt.encode({"sub": "alice"}, "another-secret-that-is-long-enough-for-hs256", algorithm="HS256"),
    ],
)
def test_bad_tokens(client, alice, token):
    response = client.post("/events", json={"title": "x", "capacity": 1}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_expired_token(client, alice):
    token = create_token("alice", now=datetime.now(timezone.utc) - timedelta(minutes=31))
    response = client.post("/events", json={"title": "x", "capacity": 1}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_token_for_unknown_account(client):
    token = create_token("ghost")
    assert client.post("/events", json={"title": "x", "capacity": 1}, headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_no_token(client):
    assert client.post("/events", json={"title": "x", "capacity": 1}).status_code == 401
