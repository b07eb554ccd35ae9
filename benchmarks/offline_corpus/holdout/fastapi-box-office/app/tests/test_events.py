from datetime import timedelta

from .conftest import NOW, ORGANIZER, SELLER


def test_organizer_creates_event(make_event):
    event = make_event()
    assert event["seats_left"] == 10
    assert event["price"] == "12.50"


def test_seller_cannot_create_event(client):
    body = {"name": "x", "starts_at": NOW.isoformat(), "capacity": 5, "price": "1.00"}
    assert client.post("/events", json=body, headers=SELLER).status_code == 403


def test_unknown_or_missing_key_is_401(client):
    body = {"name": "x", "starts_at": NOW.isoformat(), "capacity": 5, "price": "1.00"}
    assert client.post("/events", json=body).status_code == 401
    assert client.post("/events", json=body, headers={"X-API-Key": "nope"}).status_code == 401


def test_both_seller_keys_from_env_work(make_event, buy):
    event = make_event()
    assert buy(event["id"], headers={"X-API-Key": "seller-key-1"}).status_code == 201
    assert buy(event["id"], headers={"X-API-Key": "seller-key-2"}).status_code == 201


def test_capacity_must_be_positive(client):
    body = {"name": "x", "starts_at": NOW.isoformat(), "capacity": 0, "price": "1.00"}
    assert client.post("/events", json=body, headers=ORGANIZER).status_code == 422


def test_upcoming_lists_future_events_soonest_first(client, clock, make_event):
    later = make_event("Later", days=9)
    sooner = make_event("Sooner", days=2)
    assert [e["id"] for e in client.get("/events").json()] == [sooner["id"], later["id"]]
    clock.now = NOW + timedelta(days=2)
    assert [e["id"] for e in client.get("/events").json()] == [later["id"]]


def test_unknown_event_404(client):
    assert client.get("/events/999").status_code == 404
