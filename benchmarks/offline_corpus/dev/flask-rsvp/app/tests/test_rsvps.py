from datetime import timedelta

import pytest

from tests.conftest import rsvp


def attendees(client, headers, event_id):
    return client.get(f"/events/{event_id}/attendees", headers=headers).get_json()


def test_first_answer_is_201_then_200(client, as_user, make_event):
    event = make_event()
    ann = as_user("ann")
    first = rsvp(client, ann, event["id"], "maybe")
    assert first.status_code == 201
    assert first.get_json() == {"event_id": event["id"], "user_id": first.get_json()["user_id"], "answer": "maybe",
                                "waitlisted": False}
    second = rsvp(client, ann, event["id"], "yes")
    assert second.status_code == 200
    assert second.get_json()["answer"] == "yes"


@pytest.mark.parametrize("answer", ["yes", "no", "maybe"])
def test_each_answer_is_accepted(client, as_user, make_event, answer):
    event = make_event()
    assert rsvp(client, as_user("ann"), event["id"], answer).status_code == 201


@pytest.mark.parametrize("body", [{"answer": "perhaps"}, {"answer": "YES"}, {}])
def test_bad_answers_are_422(client, as_user, make_event, body):
    event = make_event()
    response = client.put(f"/events/{event['id']}/rsvp", json=body, headers=as_user("ann"))
    assert response.status_code == 422
    assert "answer" in response.get_json()["errors"]


def test_changed_answer_is_saved(client, as_user, organiser, make_event):
    event = make_event()
    ann = as_user("ann")
    rsvp(client, ann, event["id"], "yes")
    rsvp(client, ann, event["id"], "maybe")
    assert attendees(client, organiser, event["id"])["attendees"][0]["answer"] == "maybe"


def test_yes_over_capacity_goes_to_the_waitlist(client, as_user, make_event):
    event = make_event(capacity=2)
    assert rsvp(client, as_user("ann"), event["id"], "yes").get_json()["waitlisted"] is False
    assert rsvp(client, as_user("ben"), event["id"], "yes").get_json()["waitlisted"] is False
    assert rsvp(client, as_user("cy"), event["id"], "yes").get_json()["waitlisted"] is True
    assert client.get(f"/events/{event['id']}").get_json()["spots_left"] == 0


def test_maybe_and_no_do_not_take_places(client, as_user, make_event):
    event = make_event(capacity=1)
    rsvp(client, as_user("ann"), event["id"], "maybe")
    rsvp(client, as_user("ben"), event["id"], "no")
    assert rsvp(client, as_user("cy"), event["id"], "yes").get_json()["waitlisted"] is False


def test_declining_promotes_the_earliest_waitlisted(client, as_user, organiser, make_event):
    event = make_event(capacity=1)
    ann = as_user("ann")
    for headers in [ann, as_user("ben"), as_user("cy")]:
        rsvp(client, headers, event["id"], "yes")
    rsvp(client, ann, event["id"], "no")
    listed = {a["name"]: a for a in attendees(client, organiser, event["id"])["attendees"]}
    assert listed["Ben"]["waitlisted"] is False
    assert listed["Cy"]["waitlisted"] is True


def test_maybe_after_yes_also_frees_the_place(client, as_user, organiser, make_event):
    event = make_event(capacity=1)
    ann = as_user("ann")
    rsvp(client, ann, event["id"], "yes")
    rsvp(client, as_user("ben"), event["id"], "yes")
    rsvp(client, ann, event["id"], "maybe")
    listed = {a["name"]: a for a in attendees(client, organiser, event["id"])["attendees"]}
    assert listed["Ben"]["waitlisted"] is False


def test_waitlisted_person_declining_promotes_nobody(client, as_user, organiser, make_event):
    event = make_event(capacity=1)
    ben = as_user("ben")
    for headers in [as_user("ann"), ben, as_user("cy")]:
        rsvp(client, headers, event["id"], "yes")
    rsvp(client, ben, event["id"], "no")
    listed = {a["name"]: a for a in attendees(client, organiser, event["id"])["attendees"]}
    assert listed["Cy"]["waitlisted"] is True
    assert attendees(client, organiser, event["id"])["counts"]["yes"] == 1


def test_repeating_yes_keeps_the_waitlist_place(client, as_user, organiser, make_event):
    event = make_event(capacity=1)
    ann, ben, cy = as_user("ann"), as_user("ben"), as_user("cy")
    for headers in [ann, ben, cy]:
        rsvp(client, headers, event["id"], "yes")
    rsvp(client, ben, event["id"], "yes")
    rsvp(client, ann, event["id"], "no")
    listed = {a["name"]: a for a in attendees(client, organiser, event["id"])["attendees"]}
    assert listed["Ben"]["waitlisted"] is False
    assert listed["Cy"]["waitlisted"] is True


def test_rsvps_close_when_the_event_starts(client, as_user, make_event, clock):
    event = make_event(starts_in=timedelta(hours=1))
    clock.advance(minutes=59)
    assert rsvp(client, as_user("ann"), event["id"], "yes").status_code == 201
    clock.advance(minutes=1)
    response = rsvp(client, as_user("ben"), event["id"], "yes")
    assert response.status_code == 409
    assert rsvp(client, as_user("ann"), event["id"], "no").status_code == 409


def test_rsvp_to_unknown_event_is_404(client, as_user):
    assert rsvp(client, as_user("ann"), 77, "yes").status_code == 404


def test_attendee_list_with_counts(client, as_user, organiser, make_event):
    event = make_event(capacity=2)
    for name, answer in [("ann", "yes"), ("ben", "maybe"), ("cy", "yes"), ("dee", "yes"), ("olga", "no")]:
        rsvp(client, as_user(name), event["id"], answer)
    body = attendees(client, as_user("ben"), event["id"])
    assert body["counts"] == {"yes": 2, "no": 1, "maybe": 1, "waitlist": 1}
    assert [(a["name"], a["answer"], a["waitlisted"]) for a in body["attendees"]] == [
        ("Ann", "yes", False),
        ("Ben", "maybe", False),
        ("Cy", "yes", False),
        ("Dee", "yes", True),
        ("Olga", "no", False),
    ]


def test_attendee_list_needs_a_token(client, make_event):
    event = make_event()
    assert client.get(f"/events/{event['id']}/attendees").status_code == 401
