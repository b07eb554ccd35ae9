from urllib.parse import urlsplit

import pytest

from accounts import create_app

PASSWORD = "correct-horse-42"


class FakeClock:
    def __init__(self, start: float = 1_750_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(tmp_path, clock):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE": str(tmp_path / "accounts.sqlite3"),
            "BASE_URL": "https://accounts.example.test",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CLOCK": clock,
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


def path_of(link: str) -> str:
    return urlsplit(link).path


@pytest.fixture
def signup(client):
    def do(email="alice@example.com", password=PASSWORD):
        response = client.post("/signup", json={"email": email, "password": password})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return do


@pytest.fixture
def confirmed(client, app, signup):
    """Sign up and follow the confirmation link; returns the e-mail address."""

    def do(email="alice@example.com", password=PASSWORD):
        signup(email, password)
        link = app.outbox.last_to(email).link
        assert client.get(path_of(link)).status_code == 200
        return email

    return do


def login(client, email="alice@example.com", password=PASSWORD):
    return client.post("/login", json={"email": email, "password": password})


@pytest.fixture
def session(client, confirmed):
    """A confirmed user's bearer headers."""

    def do(email="alice@example.com", password=PASSWORD):
        confirmed(email, password)
        response = login(client, email, password)
        assert response.status_code == 200, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['token']}"}

    return do
