from datetime import timedelta

from tests.conftest import NOW, OLGA, PAVEL, event_payload, iso


def test_organiser_creates_an_event(client):
    response = client.post("/events", json=event_payload(), headers=OLGA)
    assert response.status_code == 201
    body = response.get_json()
    assert body["organiser"] == "olga"
    assert body["title"] == "PyCon meetup"
    assert body["capacity"] == 2
    assert body["price"] == "40.00"
    assert body["early_bird_price"] == "25.00"
    assert body["spots_left"] == 2
    assert body["waitlisted"] == 0


def test_creating_needs_a_known_bearer_token(client):
    assert client.post("/events", json=event_payload()).status_code == 401
    response = client.post("/events", json=event_payload(), headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.post("/events", json=event_payload(), headers={"Authorization": "tok-olga"}).status_code == 401


def test_start_must_be_in_the_future(client):
    for starts_at in (NOW - timedelta(minutes=1), NOW):
        response = client.post(
            "/events",
            json=event_payload(starts_at=iso(starts_at), early_bird_price=None, early_bird_until=None),
            headers=OLGA,
        )
        assert response.status_code == 422
        assert "starts_at" in response.get_json()["errors"]


def test_start_must_carry_a_timezone(client):
    response = client.post("/events", json=event_payload(starts_at="2031-04-01T10:00:00"), headers=OLGA)
    assert response.status_code == 422


def test_capacity_must_be_positive(client):
    for capacity in (0, -3, "ten"):
        response = client.post("/events", json=event_payload(capacity=capacity), headers=OLGA)
        assert response.status_code == 422
        assert "capacity" in response.get_json()["errors"]


def test_missing_fields_and_unknown_fields_are_422(client):
    response = client.post("/events", json={"title": "x"}, headers=OLGA)
    assert response.status_code == 422
    assert {"capacity", "starts_at", "price"} <= set(response.get_json()["errors"])
    assert client.post("/events", json=event_payload(venue="Hall B"), headers=OLGA).status_code == 422


def test_non_json_body_is_400(client):
    response = client.post("/events", data="title=x", headers=OLGA)
    assert response.status_code == 400


def test_early_bird_rules(client):
    cheaper = client.post("/events", json=event_payload(early_bird_price="40.00"), headers=OLGA)
    assert cheaper.status_code == 422
    assert "early_bird_price" in cheaper.get_json()["errors"]
    after_start = client.post(
        "/events", json=event_payload(early_bird_until=iso(NOW + timedelta(days=31))), headers=OLGA
    )
    assert after_start.status_code == 422
    half = client.post("/events", json=event_payload(early_bird_until=None), headers=OLGA)
    assert half.status_code == 422
    none = client.post("/events", json=event_payload(early_bird_price=None, early_bird_until=None), headers=OLGA)
    assert none.status_code == 201


def test_list_shows_upcoming_events_soonest_first(client, clock, make_event):
    later = make_event(title="Later", starts_at=iso(NOW + timedelta(days=20)))
    sooner = make_event(title="Sooner", starts_at=iso(NOW + timedelta(days=12)), headers=PAVEL)
    assert [e["id"] for e in client.get("/events").get_json()] == [sooner["id"], later["id"]]
    clock.advance(days=15)
    assert [e["id"] for e in client.get("/events").get_json()] == [later["id"]]


def test_unknown_event_is_404(client):
    assert client.get("/events/99").status_code == 404
    assert client.post("/events/99/registrations", json={"email": "a@example.com", "name": "A"}).status_code == 404
