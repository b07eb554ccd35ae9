import hashlib
import sqlite3

import pytest

from conftest import register, token_for


def test_register(client):
    response = client.post("/api/users", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 201
    assert response.get_json()["username"] == "alice"


def test_register_duplicate_is_409(client):
    register(client, "alice")
    response = client.post("/api/users", json={"username": "alice", "password": "another one"})
    assert response.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"username": "", "password": "correct horse"},
        {"username": "alice", "password": "short"},
        {"username": "alice", "password": "1234567"},
        {"password": "correct horse"},
    ],
)
def test_register_validates_input(client, body):
    assert client.post("/api/users", json=body).status_code == 400


def test_password_of_exactly_minimum_length_is_accepted(client):
    assert client.post("/api/users", json={"username": "alice", "password": "12345678"}).status_code == 201


def test_token_for_valid_credentials(client):
    register(client, "alice")
    response = client.post("/api/tokens", json={"username": "alice", "password": "correct horse"})
    assert response.status_code == 201
    assert len(response.get_json()["token"]) >= 32


@pytest.mark.parametrize("username, password", [("alice", "wrong password"), ("nobody", "correct horse")])
def test_token_refused_for_bad_credentials(client, username, password):
    register(client, "alice")
    response = client.post("/api/tokens", json={"username": username, "password": password})
    assert response.status_code == 401


def test_tokens_are_stored_hashed(client, app):
    register(client, "alice")
    token = token_for(client, "alice")
    conn = sqlite3.connect(app.config["DATABASE"])
    stored = [row[0] for row in conn.execute("SELECT token_hash FROM token")]
    conn.close()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]


def test_token_authenticates_requests(client):
    register(client, "alice")
    token = token_for(client, "alice")
    assert client.get("/api/bookmarks", headers={"Authorization": f"Token {token}"}).status_code == 200


@pytest.mark.parametrize("header", [None, "Token", "Token nope", "Bearer {token}", "token {token}"])
def test_requests_without_a_valid_token_are_401(client, header):
    register(client, "alice")
    token = token_for(client, "alice")
    headers = {"Authorization": header.format(token=token)} if header else {}
    response = client.get("/api/bookmarks", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
