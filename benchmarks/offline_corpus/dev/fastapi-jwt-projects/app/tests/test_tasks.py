import pytest

from tests.conftest import auth, token_for


def login(client, name):
    """Tokens last 30 minutes; after moving the clock by days, sign in again."""
    return auth(token_for(client, name))


def add(client, project_id, headers, title="Write copy"):
    response = client.post(f"/projects/{project_id}/tasks", json={"title": title}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.mark.parametrize("name", ["alice", "bob"])
def test_owners_and_members_add_tasks(client, team, name):
    project_id, h = team
    task = add(client, project_id, h[name], "Fix footer")
    assert task["title"] == "Fix footer"
    assert task["done"] is False
    assert [t["title"] for t in client.get(f"/projects/{project_id}/tasks", headers=h["carol"]).json()] == [
        "Fix footer"
    ]


def test_viewers_only_read(client, team):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    assert client.post(f"/projects/{project_id}/tasks", json={"title": "x"}, headers=h["carol"]).status_code == 403
    assert (
        client.patch(f"/projects/{project_id}/tasks/{task['id']}", json={"done": True}, headers=h["carol"]).status_code
        == 403
    )
    assert client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["carol"]).status_code == 403
    assert client.get(f"/projects/{project_id}/tasks/{task['id']}", headers=h["carol"]).status_code == 200


def test_empty_title_is_422(client, team):
    project_id, h = team
    assert client.post(f"/projects/{project_id}/tasks", json={"title": ""}, headers=h["bob"]).status_code == 422


def test_member_updates_a_task(client, team):
    project_id, h = team
    task = add(client, project_id, h["alice"])
    response = client.patch(f"/projects/{project_id}/tasks/{task['id']}", json={"done": True}, headers=h["bob"])
    assert response.status_code == 200
    assert response.json()["done"] is True
    assert response.json()["title"] == "Write copy"


def test_task_of_another_project_is_404(client, team, user):
    project_id, h = team
    task = add(client, project_id, h["alice"])
    other = client.post("/projects", json={"name": "Other"}, headers=h["dave"]).json()["id"]
    assert client.get(f"/projects/{other}/tasks/{task['id']}", headers=h["dave"]).status_code == 404
    assert (
        client.patch(f"/projects/{other}/tasks/{task['id']}", json={"done": True}, headers=h["dave"]).status_code
        == 404
    )
    assert client.delete(f"/projects/{other}/tasks/{task['id']}", headers=h["dave"]).status_code == 404
    assert client.get(f"/projects/{project_id}/tasks/{task['id']}", headers=h["alice"]).json()["done"] is False


def test_deleted_task_goes_to_the_trash(client, team):
    project_id, h = team
    keep = add(client, project_id, h["bob"], "Keep")
    gone = add(client, project_id, h["bob"], "Gone")
    assert client.delete(f"/projects/{project_id}/tasks/{gone['id']}", headers=h["bob"]).status_code == 204
    assert [t["id"] for t in client.get(f"/projects/{project_id}/tasks", headers=h["bob"]).json()] == [keep["id"]]
    trash = client.get(f"/projects/{project_id}/trash", headers=h["carol"]).json()
    assert [(t["id"], t["deleted"]) for t in trash] == [(gone["id"], True)]
    assert client.get(f"/projects/{project_id}/tasks/{gone['id']}", headers=h["bob"]).status_code == 404


def test_restore_within_seven_days(client, team, clock):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"])
    clock.advance(days=6, hours=23)
    h = {name: login(client, name) for name in ("bob", "carol")}
    response = client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["bob"])
    assert response.status_code == 200
    assert response.json()["deleted"] is False
    assert [t["id"] for t in client.get(f"/projects/{project_id}/tasks", headers=h["bob"]).json()] == [task["id"]]
    assert client.get(f"/projects/{project_id}/trash", headers=h["bob"]).json() == []


def test_restore_exactly_seven_days_later_still_works(client, team, clock):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"])
    clock.advance(days=7)
    h = {name: login(client, name) for name in ("bob", "carol")}
    assert client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["bob"]).status_code == 200


def test_restore_after_seven_days_is_gone(client, team, clock):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"])
    clock.advance(days=7, seconds=1)
    h = {name: login(client, name) for name in ("bob", "carol")}
    response = client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["bob"])
    assert response.status_code == 410
    assert client.get(f"/projects/{project_id}/tasks", headers=h["bob"]).json() == []


def test_restoring_a_live_task_is_409_and_viewers_cannot_restore(client, team):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    assert client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["bob"]).status_code == 409
    client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"])
    assert client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["carol"]).status_code == 403


def test_deleting_twice_keeps_the_first_deletion_time(client, team, clock):
    project_id, h = team
    task = add(client, project_id, h["bob"])
    client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"])
    clock.advance(days=5)
    h = {name: login(client, name) for name in ("bob", "carol")}
    assert client.delete(f"/projects/{project_id}/tasks/{task['id']}", headers=h["bob"]).status_code == 204
    clock.advance(days=3)
    h = {name: login(client, name) for name in ("bob", "carol")}
    assert client.post(f"/projects/{project_id}/tasks/{task['id']}/restore", headers=h["bob"]).status_code == 410
