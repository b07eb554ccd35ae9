import base64

import pytest


def test_post_and_get_an_idea(client, ann, ben):
    response = client.post("/ideas", json={"title": "  Dark mode ", "body": "Easier on the eyes."}, headers=ann)
    assert response.status_code == 201
    idea = response.json()
    assert idea["title"] == "Dark mode" and idea["status"] == "open" and idea["score"] == 0
    assert client.get(f"/ideas/{idea['id']}", headers=ben).json() == idea


def test_unknown_idea(client, ann):
    assert client.get("/ideas/99", headers=ann).status_code == 404
    assert client.put("/ideas/99/vote", headers=ann).status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "ab"},
        {"title": "x" * 121},
        {"title": "Fine title", "body": "y" * 2001},
        {"body": "no title"},
    ],
)
def test_idea_validation(client, ann, payload):
    assert client.post("/ideas", json=payload, headers=ann).status_code == 422


def test_idea_length_limits_are_inclusive(client, ann):
    assert client.post("/ideas", json={"title": "abc"}, headers=ann).status_code == 201
    assert client.post("/ideas", json={"title": "x" * 120, "body": "y" * 2000}, headers=ann).status_code == 201


def test_vote_is_idempotent(client, post_idea, ben):
    idea = post_idea()
    first = client.put(f"/ideas/{idea['id']}/vote", headers=ben)
    assert first.status_code == 200
    assert first.json() == {"idea_id": idea["id"], "score": 1, "voted": True}
    second = client.put(f"/ideas/{idea['id']}/vote", headers=ben)
    assert second.json()["score"] == 1
    assert client.get(f"/ideas/{idea['id']}", headers=ben).json()["score"] == 1


def test_votes_from_different_users_add_up(client, post_idea, ben, cat):
    idea = post_idea()
    client.put(f"/ideas/{idea['id']}/vote", headers=ben)
    assert client.put(f"/ideas/{idea['id']}/vote", headers=cat).json()["score"] == 2


def test_unvote_is_idempotent(client, post_idea, ben, cat):
    idea = post_idea()
    client.put(f"/ideas/{idea['id']}/vote", headers=ben)
    client.put(f"/ideas/{idea['id']}/vote", headers=cat)
    response = client.delete(f"/ideas/{idea['id']}/vote", headers=ben)
    assert response.status_code == 200
    assert response.json() == {"idea_id": idea["id"], "score": 1, "voted": False}
    again = client.delete(f"/ideas/{idea['id']}/vote", headers=ben)
    assert again.status_code == 200
    assert again.json()["score"] == 1


def test_author_cannot_vote_for_own_idea(client, post_idea, ann):
    idea = post_idea()
    assert client.put(f"/ideas/{idea['id']}/vote", headers=ann).status_code == 403
    assert client.get(f"/ideas/{idea['id']}", headers=ann).json()["score"] == 0


def test_admin_moves_an_idea_through_its_statuses(client, post_idea, admin):
    idea = post_idea()
    response = client.patch(f"/ideas/{idea['id']}/status", json={"status": "planned"}, headers=admin)
    assert response.status_code == 200 and response.json()["status"] == "planned"
    response = client.patch(f"/ideas/{idea['id']}/status", json={"status": "done"}, headers=admin)
    assert response.status_code == 200 and response.json()["status"] == "done"


def test_decline_only_from_open(client, post_idea, admin):
    open_idea = post_idea(title="One")
    response = client.patch(f"/ideas/{open_idea['id']}/status", json={"status": "declined"}, headers=admin)
    assert response.status_code == 200
    planned = post_idea(title="Two")
    client.patch(f"/ideas/{planned['id']}/status", json={"status": "planned"}, headers=admin)
    response = client.patch(f"/ideas/{planned['id']}/status", json={"status": "declined"}, headers=admin)
    assert response.status_code == 409
    assert client.get(f"/ideas/{planned['id']}", headers=admin).json()["status"] == "planned"


@pytest.mark.parametrize("path", [["done"], ["planned", "open"], ["declined", "planned"], ["planned", "planned"]])
def test_invalid_transitions(client, post_idea, admin, path):
    idea = post_idea()
    *steps, last = path
    for step in steps:
        assert client.patch(f"/ideas/{idea['id']}/status", json={"status": step}, headers=admin).status_code == 200
    assert client.patch(f"/ideas/{idea['id']}/status", json={"status": last}, headers=admin).status_code == 409


def test_only_admins_move_ideas(client, post_idea, ann, ben):
    idea = post_idea()
    assert client.patch(f"/ideas/{idea['id']}/status", json={"status": "planned"}, headers=ann).status_code == 403
    assert client.patch(f"/ideas/{idea['id']}/status", json={"status": "planned"}, headers=ben).status_code == 403
    assert client.get(f"/ideas/{idea['id']}", headers=ann).json()["status"] == "open"


def test_no_votes_on_closed_ideas(client, post_idea, admin, ben):
    idea = post_idea()
    client.patch(f"/ideas/{idea['id']}/status", json={"status": "declined"}, headers=admin)
    assert client.put(f"/ideas/{idea['id']}/vote", headers=ben).status_code == 409


def _all_pages(client, headers, **params):
    ids, cursor, pages = [], None, 0
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        body = client.get("/ideas", params=query, headers=headers).json()
        ids += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return ids, pages


def test_newest_first_with_cursor(client, post_idea, ann):
    ids = [post_idea(title=f"Idea {i}")["id"] for i in range(5)]
    first = client.get("/ideas", params={"sort": "new", "limit": 2}, headers=ann).json()
    assert [item["id"] for item in first["items"]] == ids[::-1][:2]
    assert isinstance(first["next"], str)
    walked, pages = _all_pages(client, ann, sort="new", limit=2)
    assert walked == ids[::-1]
    assert pages == 3


def test_last_full_page_has_no_next(client, post_idea, ann):
    for i in range(3):
        post_idea(title=f"Idea {i}")
    body = client.get("/ideas", params={"sort": "new", "limit": 3}, headers=ann).json()
    assert len(body["items"]) == 3
    assert body["next"] is None


def test_sorted_by_score_with_ties_newest_first(client, post_idea, ann, ben, cat):
    a, b, c, d = (post_idea(title=f"Idea {i}")["id"] for i in range(4))
    for voter in (ben, cat):
        client.put(f"/ideas/{c}/vote", headers=voter)
    client.put(f"/ideas/{a}/vote", headers=ben)
    client.put(f"/ideas/{b}/vote", headers=cat)
    body = client.get("/ideas", headers=ann).json()
    assert [item["id"] for item in body["items"]] == [c, b, a, d]
    assert [item["score"] for item in body["items"]] == [2, 1, 1, 0]
    walked, _ = _all_pages(client, ann, sort="score", limit=2)
    assert walked == [c, b, a, d]


def test_score_pages_split_inside_a_tie(client, post_idea, ann, ben):
    ids = [post_idea(title=f"Idea {i}")["id"] for i in range(5)]
    walked, pages = _all_pages(client, ann, sort="score", limit=2)
    assert walked == ids[::-1]
    assert pages == 3


def test_status_filter(client, post_idea, admin, ann):
    a = post_idea(title="One")["id"]
    b = post_idea(title="Two")["id"]
    client.patch(f"/ideas/{a}/status", json={"status": "planned"}, headers=admin)
    body = client.get("/ideas", params={"status": "planned"}, headers=ann).json()
    assert [item["id"] for item in body["items"]] == [a]
    body = client.get("/ideas", params={"status": "open"}, headers=ann).json()
    assert [item["id"] for item in body["items"]] == [b]


@pytest.mark.parametrize("limit, code", [(0, 422), (1, 200), (50, 200), (51, 422)])
def test_limit_bounds(client, ann, limit, code):
    assert client.get("/ideas", params={"limit": limit}, headers=ann).status_code == code


@pytest.mark.parametrize(
    "cursor",
    ["%%%", base64.urlsafe_b64encode(b"[1, 2]").decode(), base64.urlsafe_b64encode(b'{"id": "x"}').decode()],
)
def test_bad_cursor(client, ann, cursor):
    assert client.get("/ideas", params={"sort": "new", "cursor": cursor}, headers=ann).status_code == 400
