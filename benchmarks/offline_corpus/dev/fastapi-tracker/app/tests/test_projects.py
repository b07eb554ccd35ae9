def test_create_project_makes_creator_owner(client, auth):
    response = client.post("/projects", json={"key": "WEB", "name": "Website"}, headers=auth("olive"))
    assert response.status_code == 201
    assert response.json() == {"key": "WEB", "name": "Website", "role": "owner"}
    members = client.get("/projects/WEB/members", headers=auth("olive")).json()
    assert members == [{"username": "olive", "role": "owner"}]


def test_project_key_must_be_short_upper_case(client, auth):
    for key in ["web", "W", "WEBSITE1234", "9AB"]:
        response = client.post("/projects", json={"key": key, "name": "x"}, headers=auth("olive"))
        assert response.status_code == 422, key


def test_duplicate_project_key_is_409(client, auth, project):
    response = client.post("/projects", json={"key": "TRK", "name": "Again"}, headers=auth("nora"))
    assert response.status_code == 409


def test_creating_a_project_needs_admin_scope(client, auth):
    response = client.post("/projects", json={"key": "WEB", "name": "Website"}, headers=auth("mike"))
    assert response.status_code == 403


def test_list_projects_shows_only_memberships(client, auth, project):
    client.post("/projects", json={"key": "OPS", "name": "Ops"}, headers=auth("nora"))
    assert client.get("/projects", headers=auth("rita")).json() == [{"key": "TRK", "name": "Tracker", "role": "reporter"}]
    assert [p["key"] for p in client.get("/projects", headers=auth("nora")).json()] == ["OPS"]


def test_non_member_sees_404(client, auth, project, new_issue):
    issue = new_issue()
    assert client.get("/projects/TRK/issues", headers=auth("nora")).status_code == 404
    assert client.get(f"/projects/TRK/issues/{issue['number']}", headers=auth("nora")).status_code == 404
    response = client.post("/projects/TRK/issues", json={"title": "x"}, headers=auth("nora"))
    assert response.status_code == 404


def test_unknown_project_is_404(client, auth):
    assert client.get("/projects/NOPE/issues", headers=auth("olive")).status_code == 404


def test_only_owner_manages_members(client, auth, project):
    client.put("/projects/TRK/members/nora", json={"role": "maintainer"}, headers=auth("olive"))
    response = client.put("/projects/TRK/members/vera", json={"role": "reporter"}, headers=auth("nora"))
    assert response.status_code == 403
    names = [m["username"] for m in client.get("/projects/TRK/members", headers=auth("olive")).json()]
    assert "vera" not in names


def test_changing_a_role_answers_200(client, auth, project):
    response = client.put("/projects/TRK/members/rita", json={"role": "maintainer"}, headers=auth("olive"))
    assert response.status_code == 200
    assert response.json() == {"username": "rita", "role": "maintainer"}


def test_adding_unknown_user_is_404(client, auth, project):
    response = client.put("/projects/TRK/members/ghost", json={"role": "reporter"}, headers=auth("olive"))
    assert response.status_code == 404


def test_owner_cannot_demote_self(client, auth, project):
    response = client.put("/projects/TRK/members/olive", json={"role": "reporter"}, headers=auth("olive"))
    assert response.status_code == 409
