from tests.conftest import OLGA, PAVEL


def attendees(client, event_id, headers=OLGA):
    response = client.get(f"/events/{event_id}/attendees", headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return [a["email"] for a in body["confirmed"]], [a["email"] for a in body["waitlist"]]


def cancel(client, event_id, registration):
    return client.delete(
        f"/events/{event_id}/registrations/{registration['id']}", query_string={"token": registration["cancel_token"]}
    )


def test_registration_is_confirmed_at_the_early_bird_price(client, make_event, register):
    event = make_event()
    body = register(event["id"], "ann@example.com", "Ann")
    assert body["status"] == "confirmed"
    assert body["price"] == "25.00"
    assert body["cancel_token"]
    assert client.get(f"/events/{event['id']}").get_json()["spots_left"] == 1


def test_regular_price_from_the_cut_off_on(client, clock, make_event, register):
    event = make_event(capacity=5)
    clock.advance(days=10, seconds=-1)
    assert client.get(f"/events/{event['id']}").get_json()["current_price"] == "25.00"
    assert register(event["id"], "early@example.com")["price"] == "25.00"
    clock.advance(seconds=1)
    assert client.get(f"/events/{event['id']}").get_json()["current_price"] == "40.00"
    assert register(event["id"], "ontime@example.com")["price"] == "40.00"


def test_event_without_early_bird_charges_the_price(make_event, register):
    event = make_event(early_bird_price=None, early_bird_until=None, price="12.50")
    assert register(event["id"], "ann@example.com")["price"] == "12.50"


def test_email_is_validated(client, make_event):
    event = make_event()
    response = client.post(f"/events/{event['id']}/registrations", json={"email": "not-an-email", "name": "X"})
    assert response.status_code == 422
    assert "email" in response.get_json()["errors"]


def test_one_registration_per_email(client, make_event, register):
    event = make_event()
    register(event["id"], "ann@example.com")
    again = client.post(f"/events/{event['id']}/registrations", json={"email": "ANN@example.com", "name": "Ann"})
    assert again.status_code == 409
    other = make_event(title="Another")
    register(other["id"], "ann@example.com")


def test_same_email_cannot_queue_twice_on_the_waitlist(client, make_event, register):
    event = make_event(capacity=1)
    register(event["id"], "ann@example.com")
    assert register(event["id"], "bob@example.com")["status"] == "waitlisted"
    again = client.post(f"/events/{event['id']}/registrations", json={"email": "bob@example.com", "name": "Bob"})
    assert again.status_code == 409
    assert attendees(client, event["id"]) == (["ann@example.com"], ["bob@example.com"])


def test_past_capacity_registrations_go_on_the_waitlist_in_order(client, make_event, register):
    event = make_event(capacity=2)
    register(event["id"], "a@example.com")
    register(event["id"], "b@example.com")
    third = register(event["id"], "c@example.com")
    fourth = register(event["id"], "d@example.com")
    assert (third["status"], third["position"]) == ("waitlisted", 1)
    assert (fourth["status"], fourth["position"]) == ("waitlisted", 2)
    assert attendees(client, event["id"]) == (["a@example.com", "b@example.com"], ["c@example.com", "d@example.com"])
    detail = client.get(f"/events/{event['id']}").get_json()
    assert detail["spots_left"] == 0
    assert detail["waitlisted"] == 2


def test_cancelling_promotes_the_first_on_the_waitlist(client, make_event, register):
    event = make_event(capacity=2)
    a = register(event["id"], "a@example.com")
    register(event["id"], "b@example.com")
    register(event["id"], "c@example.com")
    register(event["id"], "d@example.com")
    assert cancel(client, event["id"], a).status_code == 204
    assert attendees(client, event["id"]) == (["b@example.com", "c@example.com"], ["d@example.com"])


def test_promoted_attendee_keeps_the_price_they_registered_at(client, clock, make_event, register):
    event = make_event(capacity=1)
    a = register(event["id"], "a@example.com")
    register(event["id"], "b@example.com")
    clock.advance(days=11)
    cancel(client, event["id"], a)
    confirmed = client.get(f"/events/{event['id']}/attendees", headers=OLGA).get_json()["confirmed"]
    assert [(c["email"], c["price"]) for c in confirmed] == [("b@example.com", "25.00")]


def test_cancelling_from_the_waitlist_frees_no_seat(client, make_event, register):
    event = make_event(capacity=1)
    register(event["id"], "a@example.com")
    b = register(event["id"], "b@example.com")
    register(event["id"], "c@example.com")
    assert cancel(client, event["id"], b).status_code == 204
    assert attendees(client, event["id"]) == (["a@example.com"], ["c@example.com"])


def test_cancelling_needs_the_registrations_token(client, make_event, register):
    event = make_event()
    a = register(event["id"], "a@example.com")
    wrong = client.delete(f"/events/{event['id']}/registrations/{a['id']}", query_string={"token": "guess"})
    assert wrong.status_code == 403
    assert client.delete(f"/events/{event['id']}/registrations/{a['id']}").status_code == 403
    assert attendees(client, event["id"]) == (["a@example.com"], [])
    assert client.delete(f"/events/{event['id']}/registrations/999", query_string={"token": "x"}).status_code == 404


def test_registration_closes_when_the_event_starts(client, clock, make_event, register):
    event = make_event()
    clock.advance(days=30)
    response = client.post(f"/events/{event['id']}/registrations", json={"email": "late@example.com", "name": "L"})
    assert response.status_code == 409


def test_attendee_list_only_for_the_events_organiser(client, make_event, register):
    event = make_event()
    register(event["id"], "a@example.com", "Alice")
    assert client.get(f"/events/{event['id']}/attendees", headers=PAVEL).status_code == 404
    assert client.get(f"/events/{event['id']}/attendees").status_code == 401
    body = client.get(f"/events/{event['id']}/attendees", headers=OLGA).get_json()
    assert body["confirmed"][0]["name"] == "Alice"
    assert body["waitlist"] == []


def test_attendee_list_of_unknown_event_is_404(client):
    assert client.get("/events/42/attendees", headers=OLGA).status_code == 404


def test_public_event_view_does_not_leak_attendees(client, make_event, register):
    event = make_event()
    register(event["id"], "a@example.com")
    body = client.get(f"/events/{event['id']}").get_json()
    assert "a@example.com" not in str(body)
    assert body["spots_left"] == 1
    assert client.get(f"/events/{event['id']}").get_json()["starts_at"].startswith("2031-03-31T12:00:00")


def test_waitlist_position_counts_from_one_after_a_cancellation(client, make_event, register):
    event = make_event(capacity=1)
    register(event["id"], "a@example.com")
    b = register(event["id"], "b@example.com")
    cancel(client, event["id"], b)
    assert register(event["id"], "c@example.com")["position"] == 1
