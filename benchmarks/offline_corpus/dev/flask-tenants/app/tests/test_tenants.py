from .conftest import join


def test_creator_is_owner(owner):
    assert owner.get("/t/acme").get_json() == {"slug": "acme", "name": "Acme", "role": "owner"}


def test_slug_rules(owner):
    assert owner.post("/tenants", json={"slug": "Bad Slug", "name": "X"}).status_code == 400
    assert owner.post("/tenants", json={"slug": "acme", "name": "Again"}).status_code == 409


def test_outsiders_get_404(owner, outsider):
    assert outsider.get("/t/acme").status_code == 404
    assert outsider.get("/t/acme/projects").status_code == 404
    assert outsider.post("/t/acme/projects", json={"name": "Sneaky"}).status_code == 404
    assert outsider.get("/t/nowhere").status_code == 404


def test_membership_is_per_tenant(owner, outsider):
    # Oscar owns another workspace; that gives him nothing in acme.
    assert outsider.post("/tenants", json={"slug": "globex", "name": "Globex"}).status_code == 201
    assert outsider.get("/t/acme").status_code == 404
    assert outsider.get("/t/acme/members").status_code == 404
    assert owner.get("/t/globex").status_code == 404


def test_members_list(owner, member, admin):
    members = owner.get("/t/acme/members").get_json()
    assert [(m["email"], m["role"]) for m in members] == [
        ("olivia@example.com", "owner"),
        ("mia@example.com", "member"),
        ("adam@example.com", "admin"),
    ]


def test_only_owner_changes_roles(owner, admin, member):
    assert admin.put(f"/t/acme/members/{member.user_id}", json={"role": "admin"}).status_code == 403
    assert owner.put(f"/t/acme/members/{owner.user_id}", json={"role": "member"}).status_code == 409
    assert owner.put(f"/t/acme/members/{member.user_id}", json={"role": "owner"}).status_code == 400
