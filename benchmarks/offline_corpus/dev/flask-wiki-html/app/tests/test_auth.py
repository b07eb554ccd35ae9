from flask import g, session

from wiki.db import get_db


def test_register(client, app):
    assert client.get("/auth/register").status_code == 200

    response = client.post("/auth/register", data={"username": "carol", "password": "carol-pass"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"
    with app.app_context():
        assert get_db().execute("SELECT * FROM user WHERE username = 'carol'").fetchone() is not None


def test_register_flashes_before_login_page(client):
    response = client.post(
        "/auth/register", data={"username": "carol", "password": "carol-pass"}, follow_redirects=True
    )

    assert b"Registration complete" in response.data


def test_register_validation(client):
    cases = [
        ({"username": "", "password": "secret123"}, b"Username is required."),
        ({"username": "carol", "password": "12345"}, b"Password must be at least 6 characters."),
        ({"username": "alice", "password": "secret123"}, b"User alice is already registered."),
    ]
    for data, message in cases:
        response = client.post("/auth/register", data=data)
        assert response.status_code == 400
        assert message in response.data


def test_login(client, auth):
    assert client.get("/auth/login").status_code == 200

    response = auth.login()

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    with client:
        client.get("/")
        assert session["user_id"] == 1
        assert g.user["username"] == "alice"


def test_login_follows_a_local_next(client):
    response = client.post("/auth/login?next=/new", data={"username": "alice", "password": "alice-pass"})

    assert response.headers["Location"] == "/new"


def test_login_ignores_an_external_next(client):
    response = client.post(
        "/auth/login?next=//evil.example/", data={"username": "alice", "password": "alice-pass"}
    )

    assert response.headers["Location"] == "/"


def test_login_with_bad_credentials(client, auth):
    for username, password in (("alice", "wrong"), ("nobody", "whatever")):
        response = auth.login(username, password)
        assert response.status_code == 400
        assert b"Incorrect username or password." in response.data


def test_logout(client, auth):
    auth.login()

    with client:
        response = auth.logout()
        assert response.status_code == 302
        assert "user_id" not in session

    after = client.get("/new")
    assert after.status_code == 302
    assert after.headers["Location"].startswith("/auth/login")
