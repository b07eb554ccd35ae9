import pytest
from fastapi.testclient import TestClient

from bookings.config import get_settings
from bookings.main import app

ADMIN = {"X-API-Key": "admin-test-key"}


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOKINGS_DATABASE_URL", f"sqlite:///{tmp_path / 'bookings.db'}")
    monkeypatch.setenv("BOOKINGS_ADMIN_API_KEY", ADMIN["X-API-Key"])
    monkeypatch.setenv("BOOKINGS_MAX_BOOKING_MINUTES", "120")
    get_settings.cache_clear()
    # Entering the client runs the lifespan: tables and the admin user.
    with TestClient(app) as client:
        yield client
    get_settings.cache_clear()


@pytest.fixture
def make_user(client):
    def make(name):
        response = client.post("/users", json={"name": name}, headers=ADMIN)
        assert response.status_code == 201, response.text
        return {"X-API-Key": response.json()["api_key"]}

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def room(client):
    response = client.post("/rooms", json={"name": "Orion", "capacity": 8}, headers=ADMIN)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def other_room(client):
    response = client.post("/rooms", json={"name": "Lyra", "capacity": 4}, headers=ADMIN)
    assert response.status_code == 201, response.text
    return response.json()


def book(client, headers, room, start, end, title="Standup"):
    return client.post(f"/rooms/{room['id']}/bookings", json={"title": title, "start": start, "end": end}, headers=headers)
