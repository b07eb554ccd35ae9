from datetime import timedelta

import jwt

from .conftest import login, register


def test_register_returns_the_user_without_the_password(client):
    response = register(client, "Alice")

    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "alice"
    assert set(body) == {"id", "username"}


def test_usernames_are_unique_regardless_of_case(client):
    assert register(client, "alice").status_code == 201

    response = register(client, "ALICE")

    assert response.status_code == 409


def test_register_validates_username_and_password(client):
    assert register(client, "al").status_code == 422
    assert register(client, "alice", password="short").status_code == 422
    assert register(client, "bad name").status_code == 422


def test_token_takes_a_password_form(client):
    register(client, "alice")

    response = login(client, "alice")

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 30 * 60
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["username"] == "alice"


def test_token_rejects_json_bodies(client):
    register(client, "alice")

    response = client.post("/api/v1/auth/token", json={"username": "alice", "password": "correct horse"})

    assert response.status_code == 422


def test_wrong_password_and_unknown_user_are_401(client):
    register(client, "alice")

    assert login(client, "alice", password="wrong password").status_code == 401
    assert login(client, "nobody").status_code == 401


def test_requests_without_a_valid_token_are_401(client):
    assert client.get("/api/v1/auth/me").status_code == 401
    assert client.get("/api/v1/auth/me", headers={"Authorization": "Bearer not-a-jwt"}).status_code == 401
    assert client.get("/api/v1/surveys").status_code == 401


def test_token_signed_with_another_secret_is_401(client, alice):
    token = alice["Authorization"].split()[1]
    claims = jwt.decode(token, options={"verify_signature": False})
    forged = jwt.encode(claims, "some-other-secret-0123456789abcdef", algorithm="HS256")

    response = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {forged}"})

    assert response.status_code == 401


def test_token_expires_after_the_configured_minutes(client, clock, alice):
    clock.advance(minutes=29, seconds=59)
    assert client.get("/api/v1/auth/me", headers=alice).status_code == 200

    clock.advance(seconds=1)
    assert client.get("/api/v1/auth/me", headers=alice).status_code == 401


def test_token_exp_claim_is_issue_time_plus_expiry(client, clock, alice):
    token = alice["Authorization"].split()[1]
    claims = jwt.decode(token, options={"verify_signature": False})

    assert claims["exp"] == int((clock.now + timedelta(minutes=30)).timestamp())
    assert claims["sub"].isdigit()
