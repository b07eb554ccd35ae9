from datetime import datetime, timedelta

import pytest

from tenants import create_app


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 9, 0, 0)

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(tmp_path, clock):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'tenants.db'}",
            "CLOCK": clock,
            "PROJECT_LIMIT": 3,
            # Cheap hashes keep the suite fast.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )


@pytest.fixture
def make_client(app):
    """A signed-up, logged-in client for an email."""

    def make(email):
        client = app.test_client()
        response = client.post("/signup", json={"email": email, "password": "correct horse"})
        assert response.status_code == 201, response.get_json()
        response = client.post("/login", data={"email": email, "password": "correct horse"})
        assert response.status_code == 200, response.get_json()
        client.user_id = response.get_json()["id"]
        return client

    return make


@pytest.fixture
def owner(make_client):
    client = make_client("olivia@example.com")
    assert client.post("/tenants", json={"slug": "acme", "name": "Acme"}).status_code == 201
    return client


def join(owner, client, slug="acme"):
    code = owner.post(f"/t/{slug}/invites").get_json()["code"]
    response = client.post(f"/invites/{code}/redeem")
    assert response.status_code == 200, response.get_json()


@pytest.fixture
def member(owner, make_client):
    client = make_client("mia@example.com")
    join(owner, client)
    return client


@pytest.fixture
def admin(owner, make_client):
    client = make_client("adam@example.com")
    join(owner, client)
    response = owner.put(f"/t/acme/members/{client.user_id}", json={"role": "admin"})
    assert response.status_code == 200
    return client


@pytest.fixture
def outsider(make_client):
    return make_client("oscar@example.com")
