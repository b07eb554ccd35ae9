def test_create_issue(client, auth, new_issue):
    issue = new_issue(title="Crash on save", description="Stack trace attached", labels=["Bug", " ui ", "bug"])
    assert issue == {
        "number": 1,
        "title": "Crash on save",
        "description": "Stack trace attached",
        "labels": ["bug", "ui"],
        "author": "rita",
        "assignee": None,
        "state": "open",
        "closed_at": None,
        "closed_by": None,
    }


def test_issue_numbers_count_up_per_project(client, auth, project, new_issue):
    assert [new_issue(title=f"t{i}")["number"] for i in range(3)] == [1, 2, 3]
    client.post("/projects", json={"key": "OPS", "name": "Ops"}, headers=auth("olive"))
    response = client.post("/projects/OPS/issues", json={"title": "first ops issue"}, headers=auth("olive"))
    assert response.json()["number"] == 1
    assert new_issue(title="t4")["number"] == 4


def test_blank_title_is_422(client, auth, project):
    response = client.post("/projects/TRK/issues", json={"title": ""}, headers=auth("rita"))
    assert response.status_code == 422


def test_read_issue_and_404(client, auth, new_issue):
    new_issue()
    assert client.get("/projects/TRK/issues/1", headers=auth("rex")).json()["title"] == "Crash on save"
    assert client.get("/projects/TRK/issues/2", headers=auth("rex")).status_code == 404


def test_label_filter_requires_every_label(client, auth, new_issue):
    new_issue(title="a", labels=["bug"])
    new_issue(title="b", labels=["bug", "ui"])
    new_issue(title="c", labels=["ui"])
    new_issue(title="d", labels=["ui", "bug", "urgent"])
    response = client.get("/projects/TRK/issues", params={"label": ["bug", "ui"]}, headers=auth("rex"))
    assert [i["title"] for i in response.json()] == ["b", "d"]
    assert response.headers["X-Total-Count"] == "2"
    response = client.get("/projects/TRK/issues", params={"label": "UI"}, headers=auth("rex"))
    assert [i["title"] for i in response.json()] == ["b", "c", "d"]


def test_state_filter(client, auth, new_issue):
    new_issue(title="a")
    new_issue(title="b")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    response = client.get("/projects/TRK/issues", params={"state": "open"}, headers=auth("rex"))
    assert [i["title"] for i in response.json()] == ["b"]
    response = client.get("/projects/TRK/issues", params={"state": "done"}, headers=auth("rex"))
    assert response.status_code == 422


def test_pagination_with_total_count_header(client, auth, new_issue):
    for i in range(1, 8):
        new_issue(title=f"issue {i}")
    response = client.get("/projects/TRK/issues", params={"page": 1, "per_page": 3}, headers=auth("rex"))
    assert [i["number"] for i in response.json()] == [1, 2, 3]
    assert response.headers["X-Total-Count"] == "7"
    response = client.get("/projects/TRK/issues", params={"page": 3, "per_page": 3}, headers=auth("rex"))
    assert [i["number"] for i in response.json()] == [7]
    assert response.headers["X-Total-Count"] == "7"
    response = client.get("/projects/TRK/issues", params={"page": 4, "per_page": 3}, headers=auth("rex"))
    assert response.json() == []


def test_per_page_bounds(client, auth, new_issue):
    new_issue()
    assert client.get("/projects/TRK/issues", params={"per_page": 100}, headers=auth("rex")).status_code == 200
    assert client.get("/projects/TRK/issues", params={"per_page": 101}, headers=auth("rex")).status_code == 422
    assert client.get("/projects/TRK/issues", params={"per_page": 0}, headers=auth("rex")).status_code == 422
    assert client.get("/projects/TRK/issues", params={"page": 0}, headers=auth("rex")).status_code == 422


def test_patch_changes_only_sent_fields(client, auth, new_issue):
    new_issue(description="first", labels=["bug"])
    response = client.patch("/projects/TRK/issues/1", json={"title": "Crash on save (v2)"}, headers=auth("rita"))
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Crash on save (v2)"
    assert body["description"] == "first"
    assert body["labels"] == ["bug"]


def test_patch_assign_and_unassign(client, auth, new_issue):
    new_issue()
    response = client.patch("/projects/TRK/issues/1", json={"assignee": "mike"}, headers=auth("mike"))
    assert response.json()["assignee"] == "mike"
    response = client.patch("/projects/TRK/issues/1", json={"assignee": None}, headers=auth("mike"))
    assert response.status_code == 200
    assert response.json()["assignee"] is None


def test_patch_assignee_must_be_member(client, auth, new_issue):
    new_issue()
    response = client.patch("/projects/TRK/issues/1", json={"assignee": "nora"}, headers=auth("mike"))
    assert response.status_code == 422


def test_patch_null_title_is_422(client, auth, new_issue):
    new_issue()
    response = client.patch("/projects/TRK/issues/1", json={"title": None}, headers=auth("mike"))
    assert response.status_code == 422


def test_reporter_cannot_edit_someone_elses_issue(client, auth, new_issue):
    new_issue(username="rex")
    response = client.patch("/projects/TRK/issues/1", json={"title": "mine now"}, headers=auth("rita"))
    assert response.status_code == 403
    assert client.patch("/projects/TRK/issues/1", json={"title": "ok"}, headers=auth("mike")).status_code == 200
