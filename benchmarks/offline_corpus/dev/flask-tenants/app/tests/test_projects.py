def names(client, slug="acme"):
    return [p["name"] for p in client.get(f"/t/{slug}/projects").get_json()]


def test_member_creates_and_lists_projects(owner, member):
    response = member.post("/t/acme/projects", json={"name": "Website", "description": "new site"})
    assert response.status_code == 201
    project = response.get_json()
    assert project["name"] == "Website" and project["deleted"] is False
    assert owner.get(f"/t/acme/projects/{project['id']}").get_json()["description"] == "new site"
    assert names(owner) == ["Website"]


def test_name_required(owner):
    assert owner.post("/t/acme/projects", json={"name": "  "}).status_code == 400


def test_duplicate_name_is_409(owner):
    owner.post("/t/acme/projects", json={"name": "Website"})
    assert owner.post("/t/acme/projects", json={"name": "Website"}).status_code == 409
    assert owner.post("/t/acme/projects", json={"name": "website"}).status_code == 409


def test_same_name_in_another_tenant_is_fine(owner, outsider):
    owner.post("/t/acme/projects", json={"name": "Website"})
    outsider.post("/tenants", json={"slug": "globex", "name": "Globex"})
    assert outsider.post("/t/globex/projects", json={"name": "Website"}).status_code == 201


def test_project_limit(owner):
    for name in ("One", "Two", "Three"):
        assert owner.post("/t/acme/projects", json={"name": name}).status_code == 201
    response = owner.post("/t/acme/projects", json={"name": "Four"})
    assert response.status_code == 409
    assert response.get_json()["error"] == "project limit reached"


def test_deleted_projects_free_the_limit(owner):
    ids = [owner.post("/t/acme/projects", json={"name": n}).get_json()["id"] for n in ("One", "Two", "Three")]
    assert owner.delete(f"/t/acme/projects/{ids[0]}").status_code == 204
    assert owner.post("/t/acme/projects", json={"name": "Four"}).status_code == 201


def test_projects_of_other_tenants_are_404(owner, outsider):
    project = owner.post("/t/acme/projects", json={"name": "Website"}).get_json()
    outsider.post("/tenants", json={"slug": "globex", "name": "Globex"})
    assert outsider.get(f"/t/globex/projects/{project['id']}").status_code == 404


def test_soft_delete_hides_project(owner, member):
    project = member.post("/t/acme/projects", json={"name": "Website"}).get_json()
    assert member.delete(f"/t/acme/projects/{project['id']}").status_code == 204
    assert names(owner) == []
    assert owner.get(f"/t/acme/projects/{project['id']}").status_code == 404
    trash = owner.get("/t/acme/projects/trash").get_json()
    assert [p["name"] for p in trash] == ["Website"] and trash[0]["deleted"] is True


def test_members_cannot_delete_others_projects(owner, member):
    project = owner.post("/t/acme/projects", json={"name": "Website"}).get_json()
    assert member.delete(f"/t/acme/projects/{project['id']}").status_code == 403
    assert names(owner) == ["Website"]


def test_admin_restores(owner, admin):
    project = owner.post("/t/acme/projects", json={"name": "Website"}).get_json()
    owner.delete(f"/t/acme/projects/{project['id']}")
    response = admin.post(f"/t/acme/projects/{project['id']}/restore")
    assert response.status_code == 200
    assert response.get_json()["deleted"] is False
    assert names(owner) == ["Website"]


def test_member_cannot_restore(owner, member):
    project = member.post("/t/acme/projects", json={"name": "Website"}).get_json()
    member.delete(f"/t/acme/projects/{project['id']}")
    assert member.post(f"/t/acme/projects/{project['id']}/restore").status_code == 403
    assert member.get("/t/acme/projects/trash").status_code == 403
    assert names(owner) == []


def test_restore_refused_when_name_reused(owner):
    old = owner.post("/t/acme/projects", json={"name": "Website"}).get_json()
    owner.delete(f"/t/acme/projects/{old['id']}")
    assert owner.post("/t/acme/projects", json={"name": "Website"}).status_code == 201
    assert owner.post(f"/t/acme/projects/{old['id']}/restore").status_code == 409


def test_restore_of_active_project_is_404(owner):
    project = owner.post("/t/acme/projects", json={"name": "Website"}).get_json()
    assert owner.post(f"/t/acme/projects/{project['id']}/restore").status_code == 404
