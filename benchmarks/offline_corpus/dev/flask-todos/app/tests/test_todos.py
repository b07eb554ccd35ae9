import pytest

from tests.conftest import ALICE, BOB


def test_create_todo(client):
    response = client.post("/todos", json={"title": "  buy milk ", "due": "2025-03-01"}, headers=ALICE)
    assert response.status_code == 201
    assert response.get_json() == {"id": 1, "owner": "alice", "title": "buy milk", "done": False, "due": "2025-03-01"}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({}, "title is required"),
        ({"title": "   "}, "title is required"),
        ({"title": "x" * 121}, "title is longer than 120 characters"),
        ({"title": "ok", "due": "tomorrow"}, "due must be a date (YYYY-MM-DD)"),
        ({"title": "ok", "done": "yes"}, "done must be true or false"),
        ([], "expected a JSON object"),
    ],
)
def test_create_todo_invalid(client, body, error):
    response = client.post("/todos", json=body, headers=ALICE)
    assert response.status_code == 400
    assert response.get_json() == {"error": error}
    assert client.get("/todos", headers=ALICE).get_json() == []


def test_title_of_maximum_length(client):
    assert client.post("/todos", json={"title": "x" * 120}, headers=ALICE).status_code == 201


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "tk_4f9a1c2e"}, {"Authorization": "Bearer nope"}, {"Authorization": "Bearer "}],
)
def test_token_required(client, headers):
    response = client.get("/todos", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.post("/todos", json={"title": "x"}, headers=headers).status_code == 401


def test_list_only_own_todos(client, alice_todo):
    client.post("/todos", json={"title": "bob's"}, headers=BOB)
    assert client.get("/todos", headers=ALICE).get_json() == [alice_todo]
    assert [t["title"] for t in client.get("/todos", headers=BOB).get_json()] == ["bob's"]


def test_list_filter_done(client, alice_todo):
    other = client.post("/todos", json={"title": "second"}, headers=ALICE).get_json()
    client.patch(f"/todos/{other['id']}", json={"done": True}, headers=ALICE)
    assert [t["id"] for t in client.get("/todos?done=true", headers=ALICE).get_json()] == [other["id"]]
    assert [t["id"] for t in client.get("/todos?done=false", headers=ALICE).get_json()] == [alice_todo["id"]]


def test_get_todo(client, alice_todo):
    assert client.get(f"/todos/{alice_todo['id']}", headers=ALICE).get_json() == alice_todo


def test_other_users_todo_is_not_found(client, alice_todo):
    todo_id = alice_todo["id"]
    assert client.get(f"/todos/{todo_id}", headers=BOB).status_code == 404
    assert client.patch(f"/todos/{todo_id}", json={"title": "mine"}, headers=BOB).status_code == 404
    assert client.delete(f"/todos/{todo_id}", headers=BOB).status_code == 404
    assert client.get(f"/todos/{todo_id}", headers=ALICE).get_json() == alice_todo


def test_missing_todo(client):
    response = client.get("/todos/99", headers=ALICE)
    assert response.status_code == 404
    assert response.get_json() == {"error": "not found"}


def test_update_todo(client, alice_todo):
    response = client.patch(f"/todos/{alice_todo['id']}", json={"done": True}, headers=ALICE)
    assert response.status_code == 200
    assert response.get_json()["done"] is True
    assert response.get_json()["title"] == "water the plants"
    response = client.patch(f"/todos/{alice_todo['id']}", json={"done": False}, headers=ALICE)
    assert response.get_json()["done"] is False


def test_update_rejects_invalid(client, alice_todo):
    response = client.patch(f"/todos/{alice_todo['id']}", json={"title": ""}, headers=ALICE)
    assert response.status_code == 400
    assert client.get(f"/todos/{alice_todo['id']}", headers=ALICE).get_json() == alice_todo


def test_delete_todo(client, alice_todo):
    assert client.delete(f"/todos/{alice_todo['id']}", headers=ALICE).status_code == 204
    assert client.get(f"/todos/{alice_todo['id']}", headers=ALICE).status_code == 404
