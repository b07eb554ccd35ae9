import pytest
from flask import g, session


def test_register(client, query):
    assert client.get("/auth/register").status_code == 200
    response = client.post("/auth/register", data={"username": "newbie", "password": "long-enough"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    stored = query("SELECT password FROM user WHERE username = 'newbie'")[0][0]
    assert stored != "long-enough"


def test_registered_user_can_log_in(client, auth):
    client.post("/auth/register", data={"username": "newbie", "password": "long-enough"})
    response = auth.login("newbie", "long-enough")
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(
    ("username", "password", "message"),
    (
        ("", "", b"Username is required."),
        ("a", "", b"Password is required."),
        ("a", "1234567", b"Password must be at least 8 characters."),
        ("test", "long-enough", b"User test is already registered."),
    ),
)
def test_register_validate_input(client, query, username, password, message):
    response = client.post("/auth/register", data={"username": username, "password": password})
    assert response.status_code == 200
    assert message in response.data
    assert query("SELECT COUNT(*) FROM user")[0][0] == 3


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"

    with client:
        client.get("/")
        assert session["user_id"] == 1
        assert g.user["username"] == "test"


@pytest.mark.parametrize(("username", "password"), (("nobody", "test-pass"), ("test", "wrong-pass")))
def test_login_validate_input(client, auth, username, password):
    response = auth.login(username, password)
    assert response.status_code == 200
    assert b"Incorrect username or password." in response.data
    with client:
        client.get("/")
        assert "user_id" not in session


def test_logout(client, auth):
    auth.login()

    with client:
        response = auth.logout()
        assert response.headers["Location"] == "/"
        assert "user_id" not in session
    assert client.get("/b/general/new").headers["Location"] == "/auth/login"


def test_logout_needs_post(client, auth):
    auth.login()
    assert client.get("/auth/logout").status_code == 405
