import pytest

from .conftest import ACME, ACME2, GLOBEX, add


def test_api_key_required(client):
    assert client.get("/contacts").status_code == 401
    assert client.get("/contacts", headers={"X-API-Key": "nope"}).status_code == 401
    assert client.get("/contacts", headers=ACME).status_code == 200


def test_create(client):
    contact = add(client, "Ada Lovelace")
    assert contact["version"] == 1
    assert contact["email"] == "ada.lovelace@example.com"


@pytest.mark.parametrize("payload", [{"name": "", "email": "a@b.co"}, {"name": "A", "email": "not-an-email"}, {"name": "A"}])
def test_create_validation(client, payload):
    assert client.post("/contacts", json=payload, headers=ACME).status_code == 422


def test_duplicate_email_in_tenant(client):
    add(client, "Ada", "ada@example.com")
    response = client.post("/contacts", json={"name": "Ada 2", "email": "ADA@example.com"}, headers=ACME2)
    assert response.status_code == 409


def test_other_tenant_may_reuse_email(client):
    add(client, "Ada", "ada@example.com")
    assert add(client, "Ada", "ada@example.com", headers=GLOBEX)["version"] == 1


def test_tenants_are_isolated(client):
    mine = add(client, "Ada")
    add(client, "Grace", headers=GLOBEX)
    assert client.get(f"/contacts/{mine['id']}", headers=GLOBEX).status_code == 404
    assert client.get(f"/contacts/{mine['id']}", headers=ACME2).status_code == 200
    listed = client.get("/contacts", headers=GLOBEX)
    assert [c["name"] for c in listed.json()] == ["Grace"]
    assert listed.headers["X-Total-Count"] == "1"
    assert client.put(f"/contacts/{mine['id']}", json={"name": "X", "email": "x@y.zz", "version": 1}, headers=GLOBEX).status_code == 404
    assert client.delete(f"/contacts/{mine['id']}?version=1", headers=GLOBEX).status_code == 404


def test_pagination_and_total(client):
    names = [f"Person {i:02d}" for i in range(25)]
    for name in reversed(names):
        add(client, name)
    first = client.get("/contacts?per_page=10", headers=ACME)
    assert [c["name"] for c in first.json()] == names[:10]
    assert first.headers["X-Total-Count"] == "25"
    third = client.get("/contacts?page=3&per_page=10", headers=ACME)
    assert [c["name"] for c in third.json()] == names[20:]
    assert third.headers["X-Total-Count"] == "25"
    beyond = client.get("/contacts?page=4&per_page=10", headers=ACME)
    assert beyond.json() == []


def test_per_page_bounds(client):
    assert client.get("/contacts?per_page=100", headers=ACME).status_code == 200
    assert client.get("/contacts?per_page=101", headers=ACME).status_code == 422
    assert client.get("/contacts?per_page=0", headers=ACME).status_code == 422
    assert client.get("/contacts?page=0", headers=ACME).status_code == 422


def test_search(client):
    add(client, "Ada Lovelace")
    add(client, "Grace Hopper")
    add(client, "Adam Smith")
    response = client.get("/contacts?q=ada", headers=ACME)
    assert [c["name"] for c in response.json()] == ["Ada Lovelace", "Adam Smith"]
    assert response.headers["X-Total-Count"] == "2"


def test_update_bumps_version(client):
    contact = add(client, "Ada")
    body = {"name": "Ada L.", "email": "ada@example.com", "version": 1}
    updated = client.put(f"/contacts/{contact['id']}", json=body, headers=ACME)
    assert updated.status_code == 200
    assert updated.json()["version"] == 2
    assert updated.json()["name"] == "Ada L."
    again = client.put(f"/contacts/{contact['id']}", json={**body, "version": 2}, headers=ACME)
    assert again.json()["version"] == 3


def test_stale_update_refused(client):
    contact = add(client, "Ada")
    body = {"name": "Ada L.", "email": "ada@example.com", "version": 1}
    client.put(f"/contacts/{contact['id']}", json=body, headers=ACME)
    stale = client.put(f"/contacts/{contact['id']}", json={**body, "name": "Lost"}, headers=ACME2)
    assert stale.status_code == 409
    assert client.get(f"/contacts/{contact['id']}", headers=ACME).json()["name"] == "Ada L."


def test_update_to_taken_email_refused(client):
    add(client, "Ada", "ada@example.com")
    grace = add(client, "Grace", "grace@example.com")
    body = {"name": "Grace", "email": "Ada@Example.com", "version": 1}
    assert client.put(f"/contacts/{grace['id']}", json=body, headers=ACME).status_code == 409


def test_delete_needs_current_version(client):
    contact = add(client, "Ada")
    client.put(f"/contacts/{contact['id']}", json={"name": "A", "email": "a@b.co", "version": 1}, headers=ACME)
    assert client.delete(f"/contacts/{contact['id']}?version=1", headers=ACME).status_code == 409
    assert client.get(f"/contacts/{contact['id']}", headers=ACME).status_code == 200
    assert client.delete(f"/contacts/{contact['id']}?version=2", headers=ACME).status_code == 204
    assert client.get(f"/contacts/{contact['id']}", headers=ACME).status_code == 404
