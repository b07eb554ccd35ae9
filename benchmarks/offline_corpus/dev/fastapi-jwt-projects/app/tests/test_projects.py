def test_creator_owns_the_new_project(client, user):
    alice = user("alice")
    response = client.post("/projects", json={"name": "Website"}, headers=alice)
    assert response.status_code == 201
    assert response.json()["role"] == "owner"
    listed = client.get("/projects", headers=alice).json()
    assert [(p["name"], p["role"]) for p in listed] == [("Website", "owner")]


def test_projects_list_shows_only_the_callers_projects_with_their_role(client, team):
    project_id, h = team
    client.post("/projects", json={"name": "Private"}, headers=h["dave"])
    assert [(p["id"], p["role"]) for p in client.get("/projects", headers=h["carol"]).json()] == [
        (project_id, "viewer")
    ]
    assert [p["name"] for p in client.get("/projects", headers=h["dave"]).json()] == ["Private"]


def test_non_member_gets_404_for_a_project(client, team):
    project_id, h = team
    assert client.get(f"/projects/{project_id}", headers=h["dave"]).status_code == 404
    assert client.get(f"/projects/{project_id}/tasks", headers=h["dave"]).status_code == 404
    assert client.get(f"/projects/{project_id}/members", headers=h["dave"]).status_code == 404
    assert (
        client.post(f"/projects/{project_id}/tasks", json={"title": "Sneak in"}, headers=h["dave"]).status_code
        == 404
    )


def test_unknown_project_is_404(client, user):
    assert client.get("/projects/999", headers=user("alice")).status_code == 404


def test_members_are_listed_with_roles(client, team):
    project_id, h = team
    members = client.get(f"/projects/{project_id}/members", headers=h["carol"]).json()
    assert members == [
        {"username": "alice", "role": "owner"},
        {"username": "bob", "role": "member"},
        {"username": "carol", "role": "viewer"},
    ]


def test_invited_user_gets_member_role_by_default(client, user):
    alice, bob = user("alice"), user("bob")
    project_id = client.post("/projects", json={"name": "Website"}, headers=alice).json()["id"]
    response = client.post(f"/projects/{project_id}/members", json={"username": "bob"}, headers=alice)
    assert response.status_code == 201
    assert response.json() == {"username": "bob", "role": "member"}
    assert client.get(f"/projects/{project_id}", headers=bob).json()["role"] == "member"


def test_only_owners_invite(client, team):
    project_id, h = team
    for name in ("bob", "carol"):
        response = client.post(f"/projects/{project_id}/members", json={"username": "dave"}, headers=h[name])
        assert response.status_code == 403
    assert client.get(f"/projects/{project_id}", headers=h["dave"]).status_code == 404


def test_inviting_unknown_user_is_404_and_existing_member_is_409(client, team):
    project_id, h = team
    assert (
        client.post(f"/projects/{project_id}/members", json={"username": "zed"}, headers=h["alice"]).status_code
        == 404
    )
    response = client.post(
        f"/projects/{project_id}/members", json={"username": "bob", "role": "viewer"}, headers=h["alice"]
    )
    assert response.status_code == 409
    roles = {m["username"]: m["role"] for m in client.get(f"/projects/{project_id}/members", headers=h["alice"]).json()}
    assert roles["bob"] == "member"


def test_invalid_role_is_422(client, team):
    project_id, h = team
    response = client.post(
        f"/projects/{project_id}/members", json={"username": "dave", "role": "admin"}, headers=h["alice"]
    )
    assert response.status_code == 422


def test_owner_changes_roles(client, team):
    project_id, h = team
    response = client.patch(f"/projects/{project_id}/members/carol", json={"role": "member"}, headers=h["alice"])
    assert response.status_code == 200
    assert response.json() == {"username": "carol", "role": "member"}
    assert client.post(f"/projects/{project_id}/tasks", json={"title": "Now I can"}, headers=h["carol"]).status_code == 201


def test_members_cannot_change_roles(client, team):
    project_id, h = team
    response = client.patch(f"/projects/{project_id}/members/bob", json={"role": "owner"}, headers=h["bob"])
    assert response.status_code == 403


def test_last_owner_cannot_be_demoted(client, team):
    project_id, h = team
    response = client.patch(f"/projects/{project_id}/members/alice", json={"role": "member"}, headers=h["alice"])
    assert response.status_code == 409
    assert client.get(f"/projects/{project_id}", headers=h["alice"]).json()["role"] == "owner"


def test_an_owner_can_step_down_when_another_owner_exists(client, team):
    project_id, h = team
    client.patch(f"/projects/{project_id}/members/bob", json={"role": "owner"}, headers=h["alice"])
    response = client.patch(f"/projects/{project_id}/members/alice", json={"role": "viewer"}, headers=h["alice"])
    assert response.status_code == 200
    # bob is now the only owner
    response = client.patch(f"/projects/{project_id}/members/bob", json={"role": "member"}, headers=h["bob"])
    assert response.status_code == 409


def test_last_owner_cannot_be_removed_but_others_can(client, team):
    project_id, h = team
    assert client.delete(f"/projects/{project_id}/members/alice", headers=h["alice"]).status_code == 409
    assert client.delete(f"/projects/{project_id}/members/carol", headers=h["alice"]).status_code == 204
    assert client.get(f"/projects/{project_id}", headers=h["carol"]).status_code == 404
    assert client.delete(f"/projects/{project_id}/members/dave", headers=h["alice"]).status_code == 404
