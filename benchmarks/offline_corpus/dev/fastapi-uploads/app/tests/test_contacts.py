import pytest


def make(client, name, email, **extra):
    response = client.post("/contacts", json={"name": name, "email": email, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def names(response):
    return [c["name"] for c in response.json()["items"]]


def test_contacts_require_login(anon):
    assert anon.get("/contacts").status_code == 401
    assert anon.post("/contacts", json={"name": "A", "email": "a@b.io"}).status_code == 401


def test_create_and_get(alice):
    created = make(alice, "Ada Lovelace", "ada@example.org", phone="+44 20 7946 0000", company="Analytical")
    assert created["name"] == "Ada Lovelace"
    assert alice.get(f"/contacts/{created['id']}").json() == created


def test_create_validation(alice):
    assert alice.post("/contacts", json={"name": "", "email": "a@b.io"}).status_code == 422
    assert alice.post("/contacts", json={"name": "A", "email": "not-an-email"}).status_code == 422


def test_create_duplicate_email_is_409(alice):
    make(alice, "Ada", "ada@example.org")
    assert alice.post("/contacts", json={"name": "Ada 2", "email": "ADA@example.org"}).status_code == 409


def test_same_email_for_different_users(alice, bob):
    make(alice, "Ada", "ada@example.org")
    make(bob, "Ada", "ada@example.org")


def test_other_users_contacts_are_404(alice, bob):
    contact = make(alice, "Ada", "ada@example.org")
    assert bob.get(f"/contacts/{contact['id']}").status_code == 404
    assert bob.delete(f"/contacts/{contact['id']}").status_code == 404
    assert alice.get(f"/contacts/{contact['id']}").status_code == 200
    assert bob.get("/contacts").json()["total"] == 0


def test_delete(alice):
    contact = make(alice, "Ada", "ada@example.org")
    response = alice.delete(f"/contacts/{contact['id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert alice.get(f"/contacts/{contact['id']}").status_code == 404
    assert alice.delete(f"/contacts/{contact['id']}").status_code == 404


def test_unknown_contact(alice):
    assert alice.get("/contacts/999").status_code == 404


@pytest.fixture
def three(alice):
    make(alice, "charlie", "c@example.org", company="Zeta")
    make(alice, "Alice", "z@example.org", company="alpha")
    make(alice, "bob", "b@example.org")
    return alice


def test_default_sort_is_by_name_case_insensitive(three):
    assert names(three.get("/contacts")) == ["Alice", "bob", "charlie"]


def test_sort_descending(three):
    assert names(three.get("/contacts?sort=-name")) == ["charlie", "bob", "Alice"]
    assert names(three.get("/contacts?sort=-created")) == ["bob", "Alice", "charlie"]


def test_sort_by_other_fields(three):
    assert names(three.get("/contacts?sort=email")) == ["bob", "charlie", "Alice"]
    assert names(three.get("/contacts?sort=created")) == ["charlie", "Alice", "bob"]
    assert names(three.get("/contacts?sort=company")) == ["bob", "Alice", "charlie"]


@pytest.mark.parametrize("sort", ["owner", "-owner", "id", "phone", "name;drop", ""])
def test_sort_not_whitelisted_is_422(three, sort):
    assert three.get("/contacts", params={"sort": sort}).status_code == 422


def test_pagination(three):
    body = three.get("/contacts?limit=2").json()
    assert [c["name"] for c in body["items"]] == ["Alice", "bob"]
    assert body["total"] == 3
    assert body["limit"] == 2
    assert body["offset"] == 0
    body = three.get("/contacts?limit=2&offset=2").json()
    assert [c["name"] for c in body["items"]] == ["charlie"]


def test_pagination_defaults_and_bounds(three):
    body = three.get("/contacts").json()
    assert body["limit"] == 20
    assert body["offset"] == 0
    assert three.get("/contacts?limit=0").status_code == 422
    assert three.get("/contacts?offset=-1").status_code == 422


def test_limit_is_clamped_to_100(alice):
    for i in range(120):
        make(alice, f"Person {i:03}", f"p{i}@example.org")
    body = alice.get("/contacts?limit=500").json()
    assert body["limit"] == 100
    assert len(body["items"]) == 100
    assert body["total"] == 120
