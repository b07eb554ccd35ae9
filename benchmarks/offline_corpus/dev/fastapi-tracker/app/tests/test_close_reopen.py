def test_maintainer_closes(client, auth, clock, new_issue):
    new_issue()
    response = client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "closed"
    assert body["closed_by"] == "mike"
    assert body["closed_at"].startswith("2026-03-02T09:00:00")


def test_owner_closes(client, auth, new_issue):
    new_issue()
    assert client.post("/projects/TRK/issues/1/close", headers=auth("olive")).status_code == 200


def test_reporter_cannot_close_even_own_issue(client, auth, new_issue):
    new_issue(username="rita")
    response = client.post("/projects/TRK/issues/1/close", headers=auth("rita"))
    assert response.status_code == 403
    assert client.get("/projects/TRK/issues/1", headers=auth("rita")).json()["state"] == "open"


def test_closing_twice_is_409(client, auth, new_issue):
    new_issue()
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    assert client.post("/projects/TRK/issues/1/close", headers=auth("mike")).status_code == 409


def test_reopen_open_issue_is_409(client, auth, new_issue):
    new_issue()
    assert client.post("/projects/TRK/issues/1/reopen", headers=auth("mike")).status_code == 409


def test_reporter_reopens_own_issue_within_window(client, auth, clock, new_issue):
    new_issue(username="rita")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    clock.advance(days=3)
    response = client.post("/projects/TRK/issues/1/reopen", headers=auth("rita"))
    assert response.status_code == 200
    assert response.json()["state"] == "open"
    assert response.json()["closed_at"] is None


def test_reporter_may_reopen_at_exactly_seven_days(client, auth, clock, new_issue):
    new_issue(username="rita")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    clock.advance(days=7)
    assert client.post("/projects/TRK/issues/1/reopen", headers=auth("rita")).status_code == 200


def test_reporter_cannot_reopen_after_window(client, auth, clock, new_issue):
    new_issue(username="rita")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    clock.advance(days=7, seconds=1)
    response = client.post("/projects/TRK/issues/1/reopen", headers=auth("rita"))
    assert response.status_code == 403
    assert client.get("/projects/TRK/issues/1", headers=auth("rita")).json()["state"] == "closed"


def test_reporter_cannot_reopen_someone_elses_issue(client, auth, clock, new_issue):
    new_issue(username="rex")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    clock.advance(hours=1)
    assert client.post("/projects/TRK/issues/1/reopen", headers=auth("rita")).status_code == 403


def test_maintainer_reopens_any_time(client, auth, clock, new_issue):
    new_issue(username="rex")
    client.post("/projects/TRK/issues/1/close", headers=auth("mike"))
    clock.advance(days=90)
    assert client.post("/projects/TRK/issues/1/reopen", headers=auth("mike")).status_code == 200
