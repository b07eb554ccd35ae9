import time

import itsdangerous.timed

from itsdangerous import URLSafeTimedSerializer

from library.auth import TOKEN_SALT


def test_login_returns_a_token_that_authenticates(client):
    response = client.post("/api/login", json={"email": "max@example.org", "password": "max-pw"})
    assert response.status_code == 200
    token = response.get_json()["token"]
    me = client.get("/api/me", headers={"Authorization": f"Token {token}"})
    assert me.status_code == 200
    assert me.get_json()["email"] == "max@example.org"
    assert me.get_json()["role"] == "member"


def test_login_email_is_case_insensitive(client):
    response = client.post("/api/login", json={"email": " MAX@example.org ", "password": "max-pw"})
    assert response.status_code == 200


def test_wrong_password_is_refused(client):
    response = client.post("/api/login", json={"email": "max@example.org", "password": "nope"})
    assert response.status_code == 401


def test_unknown_email_is_refused(client):
    response = client.post("/api/login", json={"email": "who@example.org", "password": "max-pw"})
    assert response.status_code == 401


def test_login_needs_both_fields(client):
    assert client.post("/api/login", json={"email": "max@example.org"}).status_code == 400
    assert client.post("/api/login", data="not json").status_code == 400


def test_requests_without_a_token_are_refused(client):
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/books").status_code == 401
    assert client.get("/api/me", headers={"Authorization": "Bearer abc"}).status_code == 401


def test_tampered_token_is_refused(client, max_):
    headers = {"Authorization": max_["Authorization"][:-2] + "xx"}
    assert client.get("/api/me", headers=headers).status_code == 401


def test_token_signed_with_another_key_is_refused(client):
    token = URLSafeTimedSerializer("other-secret", salt=TOKEN_SALT).dumps({"uid": 1})
    assert client.get("/api/me", headers={"Authorization": f"Token {token}"}).status_code == 401


class _Later:
    """Stands in for the `time` module itsdangerous reads, `seconds` in the future."""

    def __init__(self, seconds):
        self.seconds = seconds

    def time(self):
        return time.time() + self.seconds


def test_token_older_than_max_age_is_refused(app, client, max_, monkeypatch):
    max_age = app.config["TOKEN_MAX_AGE"]
    monkeypatch.setattr(itsdangerous.timed, "time", _Later(max_age - 60))
    assert client.get("/api/me", headers=max_).status_code == 200
    monkeypatch.setattr(itsdangerous.timed, "time", _Later(max_age + 60))
    assert client.get("/api/me", headers=max_).status_code == 401
