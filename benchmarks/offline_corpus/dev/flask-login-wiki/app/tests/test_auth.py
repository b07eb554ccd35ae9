import pytest
from flask_login import current_user

from wiki.models import User


def test_register_logs_the_new_user_in(client, query):
    assert client.get("/auth/register").status_code == 200
    response = client.post("/auth/register", data={"username": "dave", "password": "dave-password"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert b"dave" in client.get("/").data
    user = query(lambda s: s.query(User).filter_by(username="dave").one())
    assert user.check_password("dave-password")
    assert not user.is_admin


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("", "long-enough", b"Username is required."),
        ("x" * 41, "long-enough", b"Username must be at most 40 characters."),
        ("dave", "1234567", b"Password must be at least 8 characters."),
        ("alice", "long-enough", b"The username alice is taken."),
    ],
)
def test_register_validates_input(client, query, username, password, message):
    response = client.post("/auth/register", data={"username": username, "password": password})
    assert response.status_code == 400
    assert message in response.data
    assert query(lambda s: s.query(User).count()) == 3


def test_register_accepts_boundary_values(client):
    response = client.post("/auth/register", data={"username": "x" * 40, "password": "12345678"})
    assert response.status_code == 302


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200
    response = auth.login()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client:
        client.get("/")
        assert current_user.username == "alice"


@pytest.mark.parametrize(("username", "password"), [("alice", "wrong-password"), ("nobody", "whatever1")])
def test_login_rejects_bad_credentials(client, auth, username, password):
    response = auth.login(username, password)
    assert response.status_code == 401
    assert b"Invalid username or password." in response.data
    with client:
        client.get("/")
        assert not current_user.is_authenticated


def test_login_follows_next(client, auth):
    response = client.get("/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=%2Fnew"
    response = auth.login(next="/new")
    assert response.headers["Location"] == "/new"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_login_ignores_offsite_next(auth, target):
    assert auth.login(next=target).headers["Location"] == "/"


def test_logout(client, auth):
    auth.login()
    response = auth.logout()
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client:
        client.get("/")
        assert not current_user.is_authenticated
    assert client.get("/new").status_code == 302


def test_logout_requires_login(client):
    response = client.post("/auth/logout")
    assert response.headers["Location"].startswith("/auth/login")


def test_logged_in_user_skips_register(client, auth):
    auth.login()
    assert client.get("/auth/register").headers["Location"] == "/"
