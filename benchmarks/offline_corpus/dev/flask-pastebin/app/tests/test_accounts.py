import pytest
from flask import session

from tests.conftest import sign_up_and_in


def test_signup_then_signin(client):
    response = client.post("/signup", data={"email": "Ann@Example.com ", "password": "long password"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/signin"
    response = client.post("/signin", data={"email": "ann@example.com", "password": "long password"})
    assert response.headers["Location"] == "/mine"


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-email", "long password", b"Enter a valid email address."),
        ("a@example.com", "123456789", b"Passwords need at least 10 characters."),
    ],
)
def test_signup_validation(client, email, password, message):
    response = client.post("/signup", data={"email": email, "password": password})
    assert response.status_code == 400
    assert message in response.data


def test_password_of_minimum_length(client):
    assert client.post("/signup", data={"email": "a@example.com", "password": "1234567890"}).status_code == 302


def test_signup_twice(client):
    sign_up_and_in(client, "a@example.com")
    response = client.post("/signup", data={"email": "A@example.com", "password": "another password"})
    assert response.status_code == 400
    assert b"That email is already registered." in response.data


def test_wrong_password(client):
    client.post("/signup", data={"email": "a@example.com", "password": "correct horse"})
    response = client.post("/signin", data={"email": "a@example.com", "password": "battery staple"})
    assert response.status_code == 400
    assert b"Wrong email or password." in response.data
    with client:
        client.get("/")
        assert "user_id" not in session


def test_signout(alice):
    assert alice.get("/mine").status_code == 200
    response = alice.post("/signout")
    assert response.headers["Location"] == "/signin"
    assert alice.get("/mine").status_code == 302
