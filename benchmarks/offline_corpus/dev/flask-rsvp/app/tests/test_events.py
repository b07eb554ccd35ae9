from datetime import timedelta

import pytest

from tests.conftest import NOW, rsvp


def test_create_event(client, organiser):
    body = {"title": "Picnic", "capacity": 30, "starts_at": "2026-06-10T16:00:00+02:00", "description": "Bring food"}
    response = client.post("/events", json=body, headers=organiser)
    assert response.status_code == 201
    event = response.get_json()
    assert event["title"] == "Picnic"
    assert event["starts_at"] == "2026-06-10T14:00:00+00:00"
    assert event["spots_left"] == 30
    assert event["cancelled"] is False
    assert response.headers["Location"] == f"/events/{event['id']}"
    assert client.get(f"/events/{event['id']}").get_json() == event


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": "ten"}, "capacity"),
        ({"title": ""}, "title"),
        ({"starts_at": "next friday"}, "starts_at"),
        ({"starts_at": (NOW - timedelta(minutes=1)).isoformat()}, "starts_at"),
        ({"venue": "park"}, "venue"),
    ],
)
def test_invalid_events_are_422_with_field_errors(client, organiser, changes, field):
    body = {"title": "Picnic", "capacity": 3, "starts_at": (NOW + timedelta(days=1)).isoformat(), **changes}
    response = client.post("/events", json=body, headers=organiser)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == [field]


def test_unknown_event_is_404(client):
    assert client.get("/events/404").status_code == 404


def test_listing_shows_upcoming_events_soonest_first(client, make_event, clock):
    later = make_event(title="Later", starts_in=timedelta(days=9))
    sooner = make_event(title="Sooner", starts_in=timedelta(days=2))
    clock.advance(days=3)
    titles = [e["title"] for e in client.get("/events").get_json()["events"]]
    assert titles == ["Later"]
    clock.current = NOW
    assert [e["id"] for e in client.get("/events").get_json()["events"]] == [sooner["id"], later["id"]]


def test_organiser_edits_the_event(client, organiser, make_event):
    event = make_event()
    response = client.patch(f"/events/{event['id']}", json={"title": "Chess night"}, headers=organiser)
    assert response.status_code == 200
    assert response.get_json()["title"] == "Chess night"
    assert client.get(f"/events/{event['id']}").get_json()["title"] == "Chess night"


def test_only_the_organiser_edits(client, as_user, make_event):
    event = make_event()
    response = client.patch(f"/events/{event['id']}", json={"title": "Mine now"}, headers=as_user("ann"))
    assert response.status_code == 403
    assert client.get(f"/events/{event['id']}").get_json()["title"] == "Board games night"


def test_edit_validates_fields(client, organiser, make_event):
    event = make_event()
    response = client.patch(f"/events/{event['id']}", json={"capacity": -1}, headers=organiser)
    assert response.status_code == 422
    assert "capacity" in response.get_json()["errors"]


def test_capacity_cannot_drop_below_confirmed(client, organiser, as_user, make_event):
    event = make_event(capacity=3)
    rsvp(client, as_user("ann"), event["id"], "yes")
    rsvp(client, as_user("ben"), event["id"], "yes")
    assert client.patch(f"/events/{event['id']}", json={"capacity": 1}, headers=organiser).status_code == 409
    assert client.patch(f"/events/{event['id']}", json={"capacity": 2}, headers=organiser).status_code == 200


def test_raising_capacity_promotes_from_the_waitlist(client, organiser, as_user, make_event):
    event = make_event(capacity=1)
    for name in ["ann", "ben", "cy"]:
        rsvp(client, as_user(name), event["id"], "yes")
    response = client.patch(f"/events/{event['id']}", json={"capacity": 2}, headers=organiser)
    assert response.get_json()["spots_left"] == 0
    attendees = client.get(f"/events/{event['id']}/attendees", headers=organiser).get_json()["attendees"]
    assert [(a["name"], a["waitlisted"]) for a in attendees] == [("Ann", False), ("Ben", False), ("Cy", True)]


def test_organiser_cancels(client, organiser, as_user, make_event):
    event = make_event()
    response = client.post(f"/events/{event['id']}/cancel", headers=organiser)
    assert response.status_code == 200
    assert response.get_json()["cancelled"] is True
    assert client.get(f"/events/{event['id']}").get_json()["cancelled"] is True
    assert client.get("/events").get_json()["events"] == []
    assert rsvp(client, as_user("ann"), event["id"], "yes").status_code == 409


def test_only_the_organiser_cancels(client, as_user, make_event):
    event = make_event()
    assert client.post(f"/events/{event['id']}/cancel", headers=as_user("ann")).status_code == 403
    assert client.get(f"/events/{event['id']}").get_json()["cancelled"] is False


def test_cancel_unknown_event_is_404(client, organiser):
    assert client.post("/events/99/cancel", headers=organiser).status_code == 404
