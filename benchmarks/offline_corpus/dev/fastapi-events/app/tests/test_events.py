import pytest


def test_create_event(client, alice, meetup):
    assert meetup == {"id": meetup["id"], "title": "Python meetup", "capacity": 2, "organizer": "alice", "attending": 0}
    assert client.get(f"/events/{meetup['id']}").json() == meetup


@pytest.mark.parametrize(
    "body", [{"title": "", "capacity": 5}, {"title": "x", "capacity": 0}, {"title": "x", "capacity": 501}]
)
def test_event_validation(client, alice, body):
    assert client.post("/events", json=body, headers=alice).status_code == 422


def test_capacity_bounds_are_inclusive(client, alice):
    assert client.post("/events", json={"title": "x", "capacity": 500}, headers=alice).status_code == 201
    assert client.post("/events", json={"title": "y", "capacity": 1}, headers=alice).status_code == 201


def test_missing_event(client):
    assert client.get("/events/999").status_code == 404


def test_rsvp(client, bob, meetup):
    response = client.post(f"/events/{meetup['id']}/rsvp", headers=bob)
    assert response.status_code == 201
    assert response.json()["attending"] == 1
    assert client.get(f"/events/{meetup['id']}").json()["attending"] == 1


def test_rsvp_twice(client, bob, meetup):
    client.post(f"/events/{meetup['id']}/rsvp", headers=bob)
    response = client.post(f"/events/{meetup['id']}/rsvp", headers=bob)
    assert response.status_code == 409
    assert response.json() == {"detail": "already attending"}


def test_event_fills_up(client, alice, bob, meetup):
    from tests.conftest import login

    client.post(f"/events/{meetup['id']}/rsvp", headers=alice)
    assert client.post(f"/events/{meetup['id']}/rsvp", headers=bob).status_code == 201
    carol = login(client, "carol")
    response = client.post(f"/events/{meetup['id']}/rsvp", headers=carol)
    assert response.status_code == 409
    assert response.json() == {"detail": "event is full"}
    assert client.get(f"/events/{meetup['id']}").json()["attending"] == 2


def test_cancel_rsvp(client, bob, meetup):
    client.post(f"/events/{meetup['id']}/rsvp", headers=bob)
    assert client.delete(f"/events/{meetup['id']}/rsvp", headers=bob).status_code == 204
    assert client.get(f"/events/{meetup['id']}").json()["attending"] == 0
    assert client.delete(f"/events/{meetup['id']}/rsvp", headers=bob).status_code == 404


def test_only_organizer_cancels(client, alice, bob, meetup):
    response = client.delete(f"/events/{meetup['id']}", headers=bob)
    assert response.status_code == 403
    assert client.get(f"/events/{meetup['id']}").status_code == 200
    assert client.delete(f"/events/{meetup['id']}", headers=alice).status_code == 204
    assert client.get(f"/events/{meetup['id']}").status_code == 404
