from datetime import datetime, timedelta, timezone

import pytest

from polls.polls import _percent

from .conftest import in_hours


def test_create_poll(alice):
    closes_at = datetime(2031, 5, 1, 12, 30, tzinfo=timezone(timedelta(hours=2)))
    response = alice.post(
        "/api/polls", json={"question": " Lunch? ", "options": ["Pizza", " Sushi "], "closes_at": closes_at.isoformat()}
    )
    assert response.status_code == 201
    poll = response.get_json()
    assert poll["question"] == "Lunch?"
    assert poll["creator"] == "Alice"
    assert poll["closes_at"] == "2031-05-01T10:30:00Z"
    assert poll["closed_at"] is None
    assert poll["is_open"] is True
    assert [option["text"] for option in poll["options"]] == ["Pizza", "Sushi"]
    assert alice.get(f"/api/polls/{poll['id']}").get_json() == poll


def test_creating_needs_login(client):
    response = client.post("/api/polls", json={"question": "q", "options": ["a", "b"], "closes_at": in_hours(1)})
    assert response.status_code == 401


def test_two_and_ten_options_are_allowed(alice):
    for count in (2, 10):
        options = [f"option {i}" for i in range(count)]
        response = alice.post("/api/polls", json={"question": "q", "options": options, "closes_at": in_hours(1)})
        assert response.status_code == 201
        assert len(response.get_json()["options"]) == count


@pytest.mark.parametrize(
    "body",
    [
        {"question": "q", "options": ["only one"]},
        {"question": "q", "options": [f"o{i}" for i in range(11)]},
        {"question": "q", "options": ["Same", "same"]},
        {"question": "q", "options": ["a", ""]},
        {"question": "q", "options": "a,b"},
        {"question": "", "options": ["a", "b"]},
        {"question": "x" * 201, "options": ["a", "b"]},
    ],
)
def test_create_validation(alice, body):
    response = alice.post("/api/polls", json={**body, "closes_at": in_hours(1)})
    assert response.status_code == 400
    assert "error" in response.get_json()


@pytest.mark.parametrize("closes_at", [None, "tomorrow", "2001-01-01T00:00:00Z"])
def test_closing_time_must_be_a_future_datetime(alice, closes_at):
    body = {"question": "q", "options": ["a", "b"], "closes_at": closes_at}
    assert alice.post("/api/polls", json=body).status_code == 400


def test_missing_poll(client):
    response = client.get("/api/polls/999")
    assert response.status_code == 404
    assert response.get_json() == {"error": "no such poll"}


def test_vote(bob, poll):
    option = poll["options"][1]
    response = bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": option["id"]})
    assert response.status_code == 201
    assert response.get_json() == {"poll_id": poll["id"], "option_id": option["id"]}


def test_voting_needs_login(client, poll):
    response = client.post(f"/api/polls/{poll['id']}/votes", json={"option_id": poll["options"][0]["id"]})
    assert response.status_code == 401


def test_one_vote_per_user(bob, poll):
    first, second = poll["options"][0]["id"], poll["options"][1]["id"]
    assert bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": first}).status_code == 201
    assert bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": first}).status_code == 409
    response = bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": second})
    assert response.status_code == 409
    assert response.get_json() == {"error": "you have already voted in this poll"}
    assert bob.get(f"/api/polls/{poll['id']}/results").get_json()["total_votes"] == 1


def test_option_must_belong_to_the_poll(bob, make_poll):
    lunch = make_poll()
    dinner = make_poll(question="Dinner?")
    response = bob.post(f"/api/polls/{lunch['id']}/votes", json={"option_id": dinner["options"][0]["id"]})
    assert response.status_code == 400
    assert bob.get(f"/api/polls/{lunch['id']}/results").get_json()["total_votes"] == 0
    assert bob.get(f"/api/polls/{dinner['id']}/results").get_json()["total_votes"] == 0


def test_vote_needs_an_option(bob, poll):
    for body in ({}, {"option_id": "1"}, {"option_id": 9999}):
        assert bob.post(f"/api/polls/{poll['id']}/votes", json=body).status_code == 400


def test_no_votes_after_the_closing_time(bob, poll, expire):
    expire(poll["id"])
    response = bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": poll["options"][0]["id"]})
    assert response.status_code == 409
    assert bob.get(f"/api/polls/{poll['id']}").get_json()["is_open"] is False


def test_results_with_percentages(login, poll):
    pizza, sushi, salad = (option["id"] for option in poll["options"])
    for username, option_id in (("alice", pizza), ("bob", pizza), ("carol", sushi)):
        assert login(username).post(f"/api/polls/{poll['id']}/votes", json={"option_id": option_id}).status_code == 201
    results = login("dave").get(f"/api/polls/{poll['id']}/results").get_json()
    assert results == {
        "poll_id": poll["id"],
        "is_open": True,
        "total_votes": 3,
        "options": [
            {"id": pizza, "text": "Pizza", "votes": 2, "percent": 66.7},
            {"id": sushi, "text": "Sushi", "votes": 1, "percent": 33.3},
            {"id": salad, "text": "Salad", "votes": 0, "percent": 0.0},
        ],
    }


def test_results_without_votes(client, poll):
    results = client.get(f"/api/polls/{poll['id']}/results").get_json()
    assert results["total_votes"] == 0
    assert [option["percent"] for option in results["options"]] == [0.0, 0.0, 0.0]


def test_percentages_of_four_voters(login, make_poll):
    poll = make_poll(options=("yes", "no"))
    yes, no = (option["id"] for option in poll["options"])
    for username, option_id in (("alice", yes), ("bob", no), ("carol", no), ("dave", no)):
        login(username).post(f"/api/polls/{poll['id']}/votes", json={"option_id": option_id})
    options = login("alice").get(f"/api/polls/{poll['id']}/results").get_json()["options"]
    assert [option["percent"] for option in options] == [25.0, 75.0]


@pytest.mark.parametrize(
    "count, total, percent",
    [(1, 16, 6.3), (3, 16, 18.8), (1, 3, 33.3), (2, 3, 66.7), (1, 8, 12.5), (7, 7, 100.0), (0, 0, 0.0)],
)
def test_percent_rounds_half_up_to_one_decimal(count, total, percent):
    assert _percent(count, total) == percent


def test_only_the_creator_closes_early(alice, bob, poll):
    response = bob.post(f"/api/polls/{poll['id']}/close")
    assert response.status_code == 403
    assert bob.get(f"/api/polls/{poll['id']}").get_json()["is_open"] is True
    response = alice.post(f"/api/polls/{poll['id']}/close")
    assert response.status_code == 200
    assert response.get_json()["is_open"] is False
    assert response.get_json()["closed_at"] is not None
    assert alice.get(f"/api/polls/{poll['id']}").get_json()["is_open"] is False


def test_closing_needs_login(client, poll):
    assert client.post(f"/api/polls/{poll['id']}/close").status_code == 401


def test_closing_twice(alice, poll):
    alice.post(f"/api/polls/{poll['id']}/close")
    assert alice.post(f"/api/polls/{poll['id']}/close").status_code == 409


def test_no_votes_on_a_closed_poll(alice, bob, poll):
    alice.post(f"/api/polls/{poll['id']}/close")
    response = bob.post(f"/api/polls/{poll['id']}/votes", json={"option_id": poll["options"][0]["id"]})
    assert response.status_code == 409
    assert bob.get(f"/api/polls/{poll['id']}/results").get_json()["is_open"] is False


def test_list_open_polls_newest_first_and_paged(client, make_poll):
    ids = [make_poll(question=f"Question {n}")["id"] for n in range(5)]
    first = client.get("/api/polls").get_json()
    assert [poll["id"] for poll in first["items"]] == ids[::-1][:3]
    assert (first["page"], first["per_page"], first["total"], first["pages"]) == (1, 3, 5, 2)
    second = client.get("/api/polls?page=2").get_json()
    assert [poll["id"] for poll in second["items"]] == ids[::-1][3:]
    assert client.get("/api/polls?page=3").get_json()["items"] == []
    custom = client.get("/api/polls?per_page=2&page=2").get_json()
    assert [poll["id"] for poll in custom["items"]] == [ids[2], ids[1]]


def test_per_page_is_capped(client, poll):
    assert client.get("/api/polls?per_page=500").get_json()["per_page"] == 50


def test_closed_polls_are_not_listed(alice, make_poll, expire):
    early = make_poll(question="Closed early")
    expired = make_poll(question="Expired")
    still_open = make_poll(question="Open")
    alice.post(f"/api/polls/{early['id']}/close")
    expire(expired["id"])
    listing = alice.get("/api/polls").get_json()
    assert [poll["id"] for poll in listing["items"]] == [still_open["id"]]
    assert listing["total"] == 1
