from datetime import timedelta

from .conftest import COLOUR, COMMENT


def test_create_survey(client, clock, alice):
    closes_at = (clock.now + timedelta(days=3)).isoformat()

    response = client.post(
        "/api/v1/surveys",
        json={"title": "  Team offsite  ", "description": "Where shall we go?", "closes_at": closes_at},
        headers=alice,
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Team offsite"
    assert body["owner"] == "alice"
    assert body["is_open"] is True
    assert body["question_count"] == 0


def test_survey_must_close_in_the_future(client, clock, alice):
    for moment in (clock.now, clock.now - timedelta(minutes=1)):
        response = client.post(
            "/api/v1/surveys", json={"title": "Late", "closes_at": moment.isoformat()}, headers=alice
        )
        assert response.status_code == 422


def test_creating_a_survey_needs_a_token(client, clock):
    closes_at = (clock.now + timedelta(days=1)).isoformat()

    response = client.post("/api/v1/surveys", json={"title": "x", "closes_at": closes_at})

    assert response.status_code == 401


def test_list_pages_with_limit_offset_and_total_count(client, alice, bob, make_survey):
    for title in ("one", "two"):
        make_survey(alice, title=title)
    make_survey(bob, title="three")

    first = client.get("/api/v1/surveys", params={"limit": 2}, headers=bob)
    second = client.get("/api/v1/surveys", params={"limit": 2, "offset": 2}, headers=bob)

    assert first.status_code == 200
    assert [s["title"] for s in first.json()] == ["one", "two"]
    assert first.headers["X-Total-Count"] == "3"
    assert [s["title"] for s in second.json()] == ["three"]
    assert second.headers["X-Total-Count"] == "3"


def test_list_mine_only(client, alice, bob, make_survey):
    make_survey(alice, title="a1")
    make_survey(bob, title="b1")
    make_survey(alice, title="a2")

    response = client.get("/api/v1/surveys", params={"mine": "true", "limit": 1}, headers=alice)

    assert [s["title"] for s in response.json()] == ["a1"]
    assert response.headers["X-Total-Count"] == "2"


def test_limit_must_be_between_1_and_100(client, alice):
    assert client.get("/api/v1/surveys", params={"limit": 0}, headers=alice).status_code == 422
    assert client.get("/api/v1/surveys", params={"limit": 101}, headers=alice).status_code == 422
    assert client.get("/api/v1/surveys", params={"limit": 100}, headers=alice).status_code == 200
    assert client.get("/api/v1/surveys", params={"offset": -1}, headers=alice).status_code == 422


def test_get_survey_and_unknown_id(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR])

    response = client.get(f"/api/v1/surveys/{survey['id']}", headers=bob)

    assert response.status_code == 200
    assert response.json()["question_count"] == 1
    assert client.get("/api/v1/surveys/999", headers=bob).status_code == 404


def test_only_the_owner_deletes_a_survey(client, alice, bob, make_survey):
    survey = make_survey(alice)

    assert client.delete(f"/api/v1/surveys/{survey['id']}", headers=bob).status_code == 403
    assert client.delete(f"/api/v1/surveys/{survey['id']}", headers=alice).status_code == 204
    assert client.get(f"/api/v1/surveys/{survey['id']}", headers=alice).status_code == 404


def test_add_questions_in_order(client, alice, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT])

    colour, comment = survey["questions"]
    assert colour["position"] == 1
    assert [o["label"] for o in colour["options"]] == ["Red", "Green", "Blue"]
    assert comment["position"] == 2
    assert comment["kind"] == "text"
    assert comment["options"] == []


def test_choice_questions_take_two_to_six_options(client, alice, make_survey):
    survey = make_survey(alice)
    url = f"/api/v1/surveys/{survey['id']}/questions"

    def ask(count):
        options = [f"option {n}" for n in range(count)]
        return client.post(url, json={"text": "Pick", "kind": "choice", "options": options}, headers=alice)

    assert ask(1).status_code == 422
    assert ask(2).status_code == 201
    assert ask(6).status_code == 201
    assert ask(7).status_code == 422


def test_invalid_options_are_422(client, alice, make_survey):
    survey = make_survey(alice)
    url = f"/api/v1/surveys/{survey['id']}/questions"

    duplicate = client.post(url, json={"text": "Pick", "kind": "choice", "options": ["Yes", "yes"]}, headers=alice)
    blank = client.post(url, json={"text": "Pick", "kind": "choice", "options": ["Yes", "  "]}, headers=alice)
    text_with_options = client.post(url, json={"text": "Why?", "kind": "text", "options": ["a", "b"]}, headers=alice)

    assert duplicate.status_code == 422
    assert blank.status_code == 422
    assert text_with_options.status_code == 422


def test_only_the_owner_adds_questions(client, alice, bob, make_survey):
    survey = make_survey(alice)

    response = client.post(f"/api/v1/surveys/{survey['id']}/questions", json=COMMENT, headers=bob)

    assert response.status_code == 403
    assert client.post("/api/v1/surveys/999/questions", json=COMMENT, headers=alice).status_code == 404


def test_list_questions_pages_with_total_count(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT, {"text": "Why?", "kind": "text"}])

    response = client.get(
        f"/api/v1/surveys/{survey['id']}/questions", params={"limit": 2, "offset": 1}, headers=bob
    )

    assert response.status_code == 200
    assert [q["position"] for q in response.json()] == [2, 3]
    assert response.headers["X-Total-Count"] == "3"


def test_question_is_found_only_under_its_own_survey(client, alice, make_survey):
    first = make_survey(alice, questions=[COLOUR])
    second = make_survey(alice, questions=[COMMENT])
    question_id = first["questions"][0]["id"]

    own = client.get(f"/api/v1/surveys/{first['id']}/questions/{question_id}", headers=alice)
    other = client.get(f"/api/v1/surveys/{second['id']}/questions/{question_id}", headers=alice)

    assert own.status_code == 200
    assert own.json()["text"] == "Favourite colour?"
    assert other.status_code == 404
    assert client.get(f"/api/v1/surveys/{first['id']}/questions/999", headers=alice).status_code == 404


def test_delete_question_renumbers_the_rest(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT])
    first_id = survey["questions"][0]["id"]
    url = f"/api/v1/surveys/{survey['id']}/questions"

    assert client.delete(f"{url}/{first_id}", headers=bob).status_code == 403
    assert client.delete(f"{url}/{first_id}", headers=alice).status_code == 204

    remaining = client.get(url, headers=alice).json()
    assert [(q["text"], q["position"]) for q in remaining] == [("Anything else?", 1)]
