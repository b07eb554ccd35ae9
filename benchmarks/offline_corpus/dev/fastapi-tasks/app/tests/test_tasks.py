def test_create_task_with_defaults(client, alice):
    response = client.post("/tasks/", json={"title": "Write report"}, headers=alice)
    assert response.status_code == 201
    task = response.json()
    assert task["title"] == "Write report"
    assert task["description"] is None
    assert task["priority"] == 3
    assert task["done"] is False
    assert task["completed_at"] is None


def test_create_task_needs_a_token(client):
    assert client.post("/tasks/", json={"title": "Write report"}).status_code == 401


def test_create_task_validates_priority_and_title(client, alice):
    assert client.post("/tasks/", json={"title": "x", "priority": 0}, headers=alice).status_code == 422
    assert client.post("/tasks/", json={"title": "x", "priority": 6}, headers=alice).status_code == 422
    assert client.post("/tasks/", json={"title": ""}, headers=alice).status_code == 422
    assert client.post("/tasks/", json={"title": "x", "priority": 5}, headers=alice).status_code == 201


def test_read_own_task(client, alice, make_task):
    task = make_task(alice, description="quarterly numbers")
    response = client.get(f"/tasks/{task['id']}", headers=alice)
    assert response.status_code == 200
    assert response.json() == task


def test_missing_task_is_404(client, alice):
    assert client.get("/tasks/999", headers=alice).status_code == 404


def test_other_users_task_looks_missing(client, alice, bob, make_task):
    task = make_task(alice)
    assert client.get(f"/tasks/{task['id']}", headers=bob).status_code == 404
    assert client.patch(f"/tasks/{task['id']}", json={"done": True}, headers=bob).status_code == 404
    assert client.delete(f"/tasks/{task['id']}", headers=bob).status_code == 404
    assert client.get(f"/tasks/{task['id']}", headers=alice).json()["done"] is False


def test_list_shows_only_own_tasks(client, alice, bob, make_task):
    mine = make_task(alice, "Mine")
    make_task(bob, "Bob's")
    page = client.get("/tasks/", headers=alice).json()
    assert [task["id"] for task in page["items"]] == [mine["id"]]
    assert page["total"] == 1


def test_patch_changes_only_the_fields_sent(client, alice, make_task):
    task = make_task(alice, description="draft first", priority=4)
    response = client.patch(f"/tasks/{task['id']}", json={"title": "Write the report"}, headers=alice)
    assert response.status_code == 200
    updated = response.json()
    assert updated["title"] == "Write the report"
    assert updated["description"] == "draft first"
    assert updated["priority"] == 4
    assert client.get(f"/tasks/{task['id']}", headers=alice).json() == updated


def test_patch_can_clear_the_description(client, alice, make_task):
    task = make_task(alice, description="draft first")
    response = client.patch(f"/tasks/{task['id']}", json={"description": None}, headers=alice)
    assert response.status_code == 200
    assert response.json()["description"] is None


def test_patch_rejects_null_title(client, alice, make_task):
    task = make_task(alice)
    assert client.patch(f"/tasks/{task['id']}", json={"title": None}, headers=alice).status_code == 422
    assert client.patch(f"/tasks/{task['id']}", json={"priority": 9}, headers=alice).status_code == 422


def test_completing_and_reopening_a_task(client, alice, make_task):
    task = make_task(alice)
    done = client.patch(f"/tasks/{task['id']}", json={"done": True}, headers=alice).json()
    assert done["done"] is True
    assert done["completed_at"] is not None

    reopened = client.patch(f"/tasks/{task['id']}", json={"done": False}, headers=alice).json()
    assert reopened["done"] is False
    assert reopened["completed_at"] is None


def test_delete_task(client, alice, make_task):
    task = make_task(alice)
    response = client.delete(f"/tasks/{task['id']}", headers=alice)
    assert response.status_code == 204
    assert client.get(f"/tasks/{task['id']}", headers=alice).status_code == 404
    assert client.delete(f"/tasks/{task['id']}", headers=alice).status_code == 404
