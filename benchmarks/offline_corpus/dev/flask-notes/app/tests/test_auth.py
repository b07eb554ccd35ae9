import pytest
from flask import g, session
from notes.db import get_db


def test_register(client, app):
    assert client.get("/auth/register").status_code == 200
    response = client.post("/auth/register", data={"username": "a", "password": "long-enough"})
    assert response.headers["Location"] == "/auth/login"

    with app.app_context():
        assert get_db().execute("SELECT * FROM user WHERE username = 'a'").fetchone() is not None


@pytest.mark.parametrize(
    ("username", "password", "message"),
    (
        ("", "", b"Username is required."),
        ("a", "", b"Password is required."),
        ("a", "short", b"Password must be at least 8 characters."),
        ("a", "1234567", b"Password must be at least 8 characters."),
        ("test", "long-enough", b"already registered"),
    ),
)
def test_register_validate_input(client, username, password, message):
    response = client.post("/auth/register", data={"username": username, "password": password})
    assert message in response.data


def test_register_accepts_password_of_exactly_minimum_length(client, auth):
    response = client.post("/auth/register", data={"username": "b", "password": "12345678"})
    assert response.headers["Location"] == "/auth/login"
    assert auth.login("b", "12345678").headers["Location"] == "/"


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.headers["Location"] == "/"

    with client:
        client.get("/")
        assert session["user_id"] == 1
        assert g.user["username"] == "test"


@pytest.mark.parametrize(
    ("username", "password", "message"),
    (("a", "test-pass", b"Incorrect username."), ("test", "a", b"Incorrect password.")),
)
def test_login_validate_input(auth, username, password, message):
    response = auth.login(username, password)
    assert message in response.data


def test_logout(client, auth):
    auth.login()

    with client:
        auth.logout()
        assert "user_id" not in session
    assert client.get("/").headers["Location"] == "/auth/login"
