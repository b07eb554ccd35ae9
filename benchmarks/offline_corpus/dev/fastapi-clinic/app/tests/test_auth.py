from datetime import datetime, timedelta, timezone

import jwt

from clinic.config import settings
from clinic.models import User
from clinic.security import create_access_token

from .conftest import login, register


def test_register_returns_the_user(client):
    user = register(client, "Ann@Example.com", role="doctor", full_name="Ann Lee")
    assert user == {"id": user["id"], "email": "ann@example.com", "full_name": "Ann Lee", "role": "doctor"}


def test_role_defaults_to_patient(client):
    response = client.post(
        "/auth/register", json={"email": "bo@example.com", "full_name": "Bo", "password": "correct-horse"}
    )
    assert response.json()["role"] == "patient"


def test_duplicate_email_is_a_conflict(client):
    register(client, "ann@example.com")
    response = client.post(
        "/auth/register",
        json={"email": "ANN@example.com", "full_name": "Ann", "password": "correct-horse", "role": "patient"},
    )
    assert response.status_code == 409


def test_register_validation(client):
    bad = [
        {"email": "not-an-email", "full_name": "X", "password": "correct-horse"},
        {"email": "x@example.com", "full_name": "X", "password": "short"},
        {"email": "x@example.com", "full_name": "X", "password": "correct-horse", "role": "nurse"},
        {"email": "x@example.com", "full_name": "", "password": "correct-horse"},
    ]
    for body in bad:
        assert client.post("/auth/register", json=body).status_code == 422, body


def test_token_is_a_jwt_for_the_user(client):
    user = register(client, "ann@example.com", role="doctor")
    response = client.post("/auth/token", data={"username": "ann@example.com", "password": "correct-horse"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    claims = jwt.decode(body["access_token"], settings.secret_key, algorithms=["HS256"])
    assert claims["sub"] == str(user["id"])
    assert claims["role"] == "doctor"
    assert claims["exp"] - claims["iat"] == 60 * 60


def test_wrong_password(client):
    register(client, "ann@example.com")
    response = client.post("/auth/token", data={"username": "ann@example.com", "password": "wrong-horse"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_unknown_user(client):
    response = client.post("/auth/token", data={"username": "nobody@example.com", "password": "correct-horse"})
    assert response.status_code == 401


def test_me(client):
    register(client, "ann@example.com", full_name="Ann Lee")
    response = client.get("/auth/me", headers=login(client, "ann@example.com"))
    assert response.status_code == 200
    assert response.json()["full_name"] == "Ann Lee"


def test_me_without_token(client):
    assert client.get("/auth/me").status_code == 401


def test_token_signed_with_another_key(client):
    user = register(client, "ann@example.com")
    token = jwt.encode({"sub": str(user["id"]), "role": "patient"}, "another-key-that-is-at-least-32-bytes!", "HS256")
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_expired_token(client):
    user = register(client, "ann@example.com")
    stale = User(id=user["id"], role="patient")
    token = create_access_token(stale, now=datetime.now(timezone.utc) - timedelta(minutes=61))
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_token_for_a_deleted_user(client):
    token = create_access_token(User(id=999, role="patient"))
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
