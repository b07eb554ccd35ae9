import pytest
from conftest import ADMIN


def test_create_user(client):
    response = client.post("/users", json={"name": "Alice"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Alice"
    assert body["token"]
    assert response.headers["location"] == f"/users/{body['id']}"
    me = client.get(response.headers["location"], headers={"X-User": body["token"]})
    assert me.status_code == 200
    assert me.json() == {"id": body["id"], "name": "Alice"}


def test_tokens_are_distinct(client):
    first = client.post("/users", json={"name": "A"}).json()
    second = client.post("/users", json={"name": "B"}).json()
    assert first["token"] != second["token"]
    assert first["id"] != second["id"]


def test_user_name_required(client):
    assert client.post("/users", json={"name": ""}).status_code == 422


def test_x_user_required(client, alice):
    assert client.get("/users/1").status_code == 401
    assert client.get("/users/1", headers={"X-User": "made-up"}).status_code == 401


def test_other_user_is_404(client, alice, bob):
    assert client.get("/users/1", headers=bob).status_code == 404


def test_admin_creates_room(client):
    payload = {"name": "Spree", "timezone": "Europe/Berlin", "opens": "08:00", "closes": "18:00", "capacity": 6}
    response = client.post("/rooms", json=payload, auth=ADMIN)
    assert response.status_code == 201
    assert response.json() == {"id": 1, **payload, "opens": "08:00:00", "closes": "18:00:00"}
    assert client.get("/rooms").json() == [response.json()]


@pytest.mark.parametrize(
    "auth", [None, ("facilities", "wrong"), ("intruder", "open-sesame"), ("", ""), ("facilities", "")]
)
def test_room_creation_needs_the_admin(client, auth):
    payload = {"name": "Spree", "timezone": "Europe/Berlin", "opens": "08:00", "closes": "18:00", "capacity": 6}
    response = client.post("/rooms", json=payload, auth=auth)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic")
    assert client.get("/rooms").json() == []


def test_users_cannot_create_rooms(client, alice):
    payload = {"name": "Spree", "timezone": "Europe/Berlin", "opens": "08:00", "closes": "18:00", "capacity": 6}
    assert client.post("/rooms", json=payload, headers=alice).status_code == 401


@pytest.mark.parametrize(
    "change",
    [{"timezone": "Mars/Olympus"}, {"opens": "18:00", "closes": "08:00"}, {"opens": "09:00", "closes": "09:00"},
     {"capacity": 0}],
)
def test_room_validation(client, change):
    payload = {"name": "Spree", "timezone": "Europe/Berlin", "opens": "08:00", "closes": "18:00", "capacity": 6}
    assert client.post("/rooms", json={**payload, **change}, auth=ADMIN).status_code == 422


def test_room_names_are_unique(client, berlin):
    payload = {"name": "Spree", "timezone": "Europe/Paris", "opens": "08:00", "closes": "18:00", "capacity": 6}
    assert client.post("/rooms", json=payload, auth=ADMIN).status_code == 409


def test_rooms_listed_by_name(client, berlin, new_york):
    assert [r["name"] for r in client.get("/rooms").json()] == ["Hudson", "Spree"]
