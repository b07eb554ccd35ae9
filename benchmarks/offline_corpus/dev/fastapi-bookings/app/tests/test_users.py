from bookings.config import get_settings

from .conftest import ADMIN


def test_settings_come_from_the_environment(client):
    settings = get_settings()
    assert settings.max_booking_minutes == 120
    assert settings.admin_api_key == "admin-test-key"


def test_admin_is_seeded(client):
    response = client.get("/me", headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "admin", "is_admin": True}


def test_admin_creates_a_user_with_a_working_key(client):
    response = client.post("/users", json={"name": "alice"}, headers=ADMIN)
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "alice"
    assert body["is_admin"] is False
    me = client.get("/me", headers={"X-API-Key": body["api_key"]})
    assert me.json() == {"id": body["id"], "name": "alice", "is_admin": False}


def test_duplicate_user_name(client, alice):
    response = client.post("/users", json={"name": "alice"}, headers=ADMIN)
    assert response.status_code == 409


def test_only_admins_create_users(client, alice):
    response = client.post("/users", json={"name": "mallory"}, headers=alice)
    assert response.status_code == 403
    assert response.json() == {"detail": "Admins only"}


def test_missing_api_key(client):
    response = client.get("/rooms")
    assert response.status_code == 401
    assert response.json() == {"detail": "Missing API key"}


def test_unknown_api_key(client):
    response = client.get("/rooms", headers={"X-API-Key": "not-a-key"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid API key"}
