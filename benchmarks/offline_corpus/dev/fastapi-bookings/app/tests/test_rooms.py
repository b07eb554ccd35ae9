from .conftest import ADMIN


def test_create_and_list_rooms(client, alice, room, other_room):
    assert room == {"id": 1, "name": "Orion", "capacity": 8}
    response = client.get("/rooms", headers=alice)
    assert response.status_code == 200
    assert [r["name"] for r in response.json()] == ["Lyra", "Orion"]


def test_only_admins_create_rooms(client, alice):
    response = client.post("/rooms", json={"name": "Vega", "capacity": 2}, headers=alice)
    assert response.status_code == 403
    assert client.get("/rooms", headers=alice).json() == []


def test_duplicate_room(client, room):
    response = client.post("/rooms", json={"name": "Orion", "capacity": 2}, headers=ADMIN)
    assert response.status_code == 409


def test_room_capacity_must_be_positive(client):
    response = client.post("/rooms", json={"name": "Closet", "capacity": 0}, headers=ADMIN)
    assert response.status_code == 422
