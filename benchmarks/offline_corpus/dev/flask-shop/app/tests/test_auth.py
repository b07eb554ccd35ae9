import pytest
from flask import g, session

from shop.db import get_db
from conftest import cart_of


def test_register(client, app):
    assert client.get("/auth/register").status_code == 200
    response = client.post(
        "/auth/register", data={"username": "carol", "password": "carol-pass", "confirm": "carol-pass"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"

    with app.app_context():
        row = get_db().execute("SELECT * FROM customer WHERE username = 'carol'").fetchone()
    assert row is not None
    assert row["password"] != "carol-pass"


@pytest.mark.parametrize(
    ("username", "password", "confirm", "message"),
    (
        ("", "long-enough", "long-enough", b"This field is required."),
        ("ab", "long-enough", "long-enough", b"Field must be between 3 and 30 characters long."),
        ("dave", "seven77", "seven77", b"Field must be at least 8 characters long."),
        ("dave", "long-enough", "different", b"Passwords must match."),
        ("alice", "long-enough", "long-enough", b"User alice is already registered."),
    ),
)
def test_register_validate_input(client, app, username, password, confirm, message):
    response = client.post(
        "/auth/register", data={"username": username, "password": password, "confirm": confirm}
    )
    assert response.status_code == 200
    assert message in response.data
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 2


def test_register_password_of_exactly_eight(client):
    response = client.post("/auth/register", data={"username": "dave", "password": "eight888", "confirm": "eight888"})
    assert response.headers["Location"] == "/auth/login"


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.headers["Location"] == "/"

    with client:
        client.get("/")
        assert session["user_id"] == 1
        assert g.user["username"] == "alice"


@pytest.mark.parametrize(
    ("username", "password"),
    (("nobody", "alice-pass-1"), ("alice", "wrong-password"), ("alice", "bob-pass-22")),
)
def test_login_validate_input(auth, client, username, password):
    response = auth.login(username, password)
    assert response.status_code == 200
    assert b"Incorrect username or password." in response.data
    with client.session_transaction() as sess:
        assert "user_id" not in sess


def test_login_follows_next(auth):
    assert auth.login(next="/orders/").headers["Location"] == "/orders/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "orders"])
def test_login_ignores_offsite_next(auth, target):
    assert auth.login(next=target).headers["Location"] == "/"


def test_login_keeps_the_visitors_cart(client, auth):
    client.post("/cart/add/1", data={"quantity": "2"})
    auth.login()
    assert cart_of(client) == {"1": 2}


def test_logout(client, auth):
    auth.login()
    client.post("/cart/add/1", data={"quantity": "2"})

    with client:
        response = auth.logout()
        assert response.headers["Location"] == "/"
        assert "user_id" not in session
        assert "cart" not in session

    assert client.get("/orders/").status_code == 302
