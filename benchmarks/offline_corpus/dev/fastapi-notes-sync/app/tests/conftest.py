from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from notesync import security
from notesync.clock import get_clock
from notesync.main import create_app
from notesync.settings import Settings

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self, now=START):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr(security, "_ITERATIONS", 1_000)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(clock):
    app = create_app(Settings(session_ttl_seconds=900, trash_retention_days=30))
    app.dependency_overrides[get_clock] = lambda: clock
    return app


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client


def sign_in(client, email, password="correct horse"):
    response = client.post("/sessions", json={"email": email, "password": password})
    assert response.status_code == 201
    return {"Authorization": f"Bearer {response.json()['token']}"}


def sign_up(client, email, password="correct horse"):
    assert client.post("/users", json={"email": email, "password": password}).status_code == 201
    return sign_in(client, email, password)


@pytest.fixture
def alice(client):
    return sign_up(client, "alice@example.com")


@pytest.fixture
def bob(client):
    return sign_up(client, "bob@example.com")


@pytest.fixture
def make_note(client, clock):
    def make(headers, title="Groceries", body="", tags=()):
        response = client.post("/notes", json={"title": title, "body": body, "tags": list(tags)}, headers=headers)
        assert response.status_code == 201, response.text
        clock.advance(minutes=1)
        return response.json()

    return make
