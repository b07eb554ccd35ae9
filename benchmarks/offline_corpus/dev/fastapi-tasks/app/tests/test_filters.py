import pytest


@pytest.fixture
def board(client, alice, make_task):
    tasks = [make_task(alice, f"Task {n}", priority=n) for n in range(1, 6)]
    for task in tasks[:2]:
        client.patch(f"/tasks/{task['id']}", json={"done": True}, headers=alice)
    return tasks


def ids(response):
    return [task["id"] for task in response.json()["items"]]


def test_filter_done(client, alice, board):
    assert ids(client.get("/tasks/", params={"done": True}, headers=alice)) == [t["id"] for t in board[:2]]


def test_filter_not_done(client, alice, board):
    response = client.get("/tasks/", params={"done": False}, headers=alice)
    assert ids(response) == [t["id"] for t in board[2:]]
    assert response.json()["total"] == 3


def test_min_priority_includes_the_bound(client, alice, board):
    response = client.get("/tasks/", params={"min_priority": 4}, headers=alice)
    assert ids(response) == [board[3]["id"], board[4]["id"]]


def test_min_priority_range(client, alice, board):
    assert client.get("/tasks/", params={"min_priority": 0}, headers=alice).status_code == 422
    assert client.get("/tasks/", params={"min_priority": 6}, headers=alice).status_code == 422


def test_limit_and_offset(client, alice, board):
    response = client.get("/tasks/", params={"limit": 2, "offset": 1}, headers=alice)
    assert response.status_code == 200
    body = response.json()
    assert ids(response) == [board[1]["id"], board[2]["id"]]
    assert body["total"] == 5
    assert (body["limit"], body["offset"]) == (2, 1)


def test_offset_past_the_end(client, alice, board):
    response = client.get("/tasks/", params={"offset": 10}, headers=alice)
    assert ids(response) == []
    assert response.json()["total"] == 5


def test_limit_bounds(client, alice):
    assert client.get("/tasks/", params={"limit": 0}, headers=alice).status_code == 422
    assert client.get("/tasks/", params={"limit": 100}, headers=alice).status_code == 200
    assert client.get("/tasks/", params={"limit": 101}, headers=alice).status_code == 422
    assert client.get("/tasks/", params={"offset": -1}, headers=alice).status_code == 422


def test_filters_combine(client, alice, board):
    response = client.get("/tasks/", params={"done": False, "min_priority": 4, "limit": 1}, headers=alice)
    assert ids(response) == [board[3]["id"]]
    assert response.json()["total"] == 2
