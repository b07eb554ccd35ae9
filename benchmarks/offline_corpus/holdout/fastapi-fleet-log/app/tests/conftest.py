import pytest
from fastapi.testclient import TestClient

from fleet import Settings, create_app

SECRET = "test-secret-key-that-is-long-enough"


@pytest.fixture
def settings(tmp_path):
    return Settings(secret_key=SECRET, database_url=f"sqlite:///{tmp_path / 'fleet.db'}",
                    admin_emails=frozenset({"fleet@example.com"}))


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def register(client):
    def register(email, name="Someone", password="long enough pw"):
        response = client.post("/auth/register", json={"email": email, "name": name, "password": password})
        assert response.status_code == 201, response.text
        token = client.post("/auth/token", json={"email": email, "password": password}).json()["access_token"]
        return {"Authorization": f"Bearer {token}"}

    return register


@pytest.fixture
def admin(register):
    return register("fleet@example.com", "Fleet Admin")


@pytest.fixture
def driver(register):
    return register("dana@example.com", "Dana")


@pytest.fixture
def vehicle(client, admin):
    response = client.post("/vehicles", json={"plate": "AB12 CDE", "model": "Transit", "odometer_km": 1000},
                           headers=admin)
    assert response.status_code == 201, response.text
    return response.json()
