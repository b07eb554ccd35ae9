from datetime import timedelta

from .conftest import COLOUR, COMMENT


def answers_for(survey, choice=0, text="Nothing"):
    answers = []
    for question in survey["questions"]:
        if question["kind"] == "choice":
            answers.append({"question_id": question["id"], "option_id": question["options"][choice]["id"]})
        else:
            answers.append({"question_id": question["id"], "text": text})
    return {"answers": answers}


def answer(client, survey, headers, **kwargs):
    return client.post(f"/api/v1/surveys/{survey['id']}/responses", json=answers_for(survey, **kwargs), headers=headers)


def test_a_user_answers_once(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT])

    first = answer(client, survey, bob)
    second = answer(client, survey, bob, choice=1)

    assert first.status_code == 201
    assert first.json()["survey_id"] == survey["id"]
    assert second.status_code == 409


def test_answering_one_survey_does_not_block_another(client, alice, bob, make_survey):
    first = make_survey(alice, title="first", questions=[COLOUR])
    second = make_survey(alice, title="second", questions=[COLOUR])

    assert answer(client, first, bob).status_code == 201
    assert answer(client, second, bob).status_code == 201


def test_every_user_may_answer(client, user, alice, make_survey):
    survey = make_survey(alice, questions=[COLOUR])

    assert answer(client, survey, alice).status_code == 201
    assert answer(client, survey, user("carol")).status_code == 201


def test_survey_closes_at_its_closing_moment(client, clock, alice, bob, user, make_survey):
    survey = make_survey(alice, questions=[COLOUR], closes_in=timedelta(minutes=20))
    carol = user("carol")

    clock.advance(minutes=20, seconds=-1)
    assert answer(client, survey, bob).status_code == 201

    clock.advance(seconds=1)
    assert client.get(f"/api/v1/surveys/{survey['id']}", headers=carol).json()["is_open"] is False
    assert answer(client, survey, carol).status_code == 409


def test_a_survey_without_questions_cannot_be_answered(client, alice, bob, make_survey):
    survey = make_survey(alice)

    assert answer(client, survey, bob).status_code == 409


def test_answer_validation(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT])
    other = make_survey(alice, questions=[COLOUR])
    url = f"/api/v1/surveys/{survey['id']}/responses"
    colour, comment = survey["questions"]
    foreign_option = other["questions"][0]["options"][0]["id"]

    missing = {"answers": [{"question_id": colour["id"], "option_id": colour["options"][0]["id"]}]}
    wrong_option = {
        "answers": [
            {"question_id": colour["id"], "option_id": foreign_option},
            {"question_id": comment["id"], "text": "hi"},
        ]
    }
    blank_text = {
        "answers": [
            {"question_id": colour["id"], "option_id": colour["options"][0]["id"]},
            {"question_id": comment["id"], "text": "   "},
        ]
    }
    foreign_question = answers_for(survey)
    foreign_question["answers"].append({"question_id": other["questions"][0]["id"], "option_id": foreign_option})

    for body in (missing, wrong_option, blank_text, foreign_question):
        assert client.post(url, json=body, headers=bob).status_code == 422
    assert client.post(url, json=answers_for(survey), headers=bob).status_code == 201


def test_answering_an_unknown_survey_is_404(client, bob):
    response = client.post("/api/v1/surveys/999/responses", json={"answers": []}, headers=bob)

    assert response.status_code == 404


def test_questions_are_frozen_once_answered(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR])
    answer(client, survey, bob)

    response = client.post(f"/api/v1/surveys/{survey['id']}/questions", json=COMMENT, headers=alice)

    assert response.status_code == 409


def test_results_count_choices_and_collect_texts(client, alice, bob, user, make_survey):
    survey = make_survey(alice, questions=[COLOUR, COMMENT])
    answer(client, survey, bob, choice=0, text="More blue please")
    answer(client, survey, user("carol"), choice=2, text="No")
    answer(client, survey, user("dave"), choice=2, text="Fine")

    response = client.get(f"/api/v1/surveys/{survey['id']}/results", headers=alice)

    assert response.status_code == 200
    body = response.json()
    assert body["responses"] == 3
    colour, comment = body["questions"]
    assert [(o["label"], o["count"], o["percent"]) for o in colour["options"]] == [
        ("Red", 1, 33),
        ("Green", 0, 0),
        ("Blue", 2, 67),
    ]
    assert sorted(comment["texts"]) == ["Fine", "More blue please", "No"]


def test_result_percentages_round_half_up(client, alice, user, make_survey):
    survey = make_survey(alice, questions=[{"text": "Tea?", "kind": "choice", "options": ["Yes", "No"]}])
    for n in range(8):
        answer(client, survey, user(f"voter{n}"), choice=0 if n == 0 else 1)

    options = client.get(f"/api/v1/surveys/{survey['id']}/results", headers=alice).json()["questions"][0]["options"]

    assert [o["percent"] for o in options] == [13, 88]


def test_results_are_for_the_owner_only(client, alice, bob, make_survey):
    survey = make_survey(alice, questions=[COLOUR])
    answer(client, survey, bob)

    assert client.get(f"/api/v1/surveys/{survey['id']}/results", headers=bob).status_code == 403
    assert client.get("/api/v1/surveys/999/results", headers=bob).status_code == 404
    assert client.get("/api/v1/surveys/999/results", headers=alice).status_code == 404


def test_results_of_a_survey_without_answers(client, alice, make_survey):
    survey = make_survey(alice, questions=[COLOUR])

    body = client.get(f"/api/v1/surveys/{survey['id']}/results", headers=alice).json()

    assert body["responses"] == 0
    assert all(o["percent"] == 0 for o in body["questions"][0]["options"])
