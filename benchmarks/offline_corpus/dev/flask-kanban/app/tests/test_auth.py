import pytest
from flask import session

from tests.conftest import PASSWORD, query, submit


def test_register(client, app):
    assert client.get("/auth/register").status_code == 200
    response = submit(client, "/auth/register", {"username": "dave", "password": "s3cure-pass"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    rows = query(app, "SELECT password FROM user WHERE username = 'dave'")
    assert len(rows) == 1
    assert rows[0]["password"] != "s3cure-pass"
    assert submit(client, "/auth/login", {"username": "dave", "password": "s3cure-pass"}).headers["Location"] == "/"


def test_register_accepts_the_shortest_password(client, app):
    response = submit(client, "/auth/register", {"username": "erin", "password": "12345678"})
    assert response.status_code == 302
    assert len(query(app, "SELECT id FROM user WHERE username = 'erin'")) == 1


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("", "long-enough", "Username is required."),
        ("   ", "long-enough", "Username is required."),
        ("frank", "1234567", "Password must be at least 8 characters."),
        ("alice", "long-enough", "User alice is already registered."),
    ],
)
def test_register_validate_input(client, app, username, password, message):
    response = submit(client, "/auth/register", {"username": username, "password": password})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert query(app, "SELECT COUNT(*) FROM user")[0][0] == 3


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client:
        page = client.get("/")
        assert session["user_id"] == 1
        assert "<span>alice</span>" in page.get_data(as_text=True)


@pytest.mark.parametrize(("username", "password"), [("nobody", PASSWORD), ("alice", "wrong-horse")])
def test_login_validate_input(client, auth, username, password):
    response = auth.login(username, password)
    assert response.status_code == 400
    assert "Incorrect username or password." in response.get_data(as_text=True)
    with client:
        client.get("/auth/login")
        assert "user_id" not in session


def test_logout(client, auth):
    auth.login()
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    with client:
        assert client.get("/").headers["Location"] == "/auth/login"
        assert "user_id" not in session


@pytest.mark.parametrize("path", ["/", "/boards/1"])
def test_login_required_pages(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"


@pytest.mark.parametrize("path", ["/boards", "/boards/1/cards", "/boards/1/cards/1/move", "/boards/1/members"])
def test_login_required_forms(client, app, path):
    response = submit(client, path, {"name": "x", "title": "x", "column": "done", "username": "carol"})
    assert response.headers["Location"] == "/auth/login"
    assert query(app, "SELECT COUNT(*) FROM card")[0][0] == 4
    assert query(app, "SELECT column_name FROM card WHERE id = 1")[0][0] == "todo"
