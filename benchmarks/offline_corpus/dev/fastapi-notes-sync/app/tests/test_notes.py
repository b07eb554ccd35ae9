import pytest

from conftest import START


def test_create_note(client, alice):
    response = client.post(
        "/notes", json={"title": "Groceries", "body": "eggs, milk", "tags": ["Home", " home ", "errands"]}, headers=alice
    )
    assert response.status_code == 201
    note = response.json()
    assert note["title"] == "Groceries"
    assert note["body"] == "eggs, milk"
    assert note["tags"] == ["home", "errands"]
    assert note["version"] == 1
    assert note["created_at"] == note["updated_at"] == START.isoformat().replace("+00:00", "Z")


def test_notes_need_a_token(client):
    assert client.post("/notes", json={"title": "x"}).status_code == 401
    assert client.get("/notes").status_code == 401
    assert client.get("/notes/1").status_code == 401


@pytest.mark.parametrize(
    "payload",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"body": "no title"},
        {"title": "ok", "tags": ["not a slug"]},
        {"title": "ok", "tags": ["t" * 31]},
        {"title": "ok", "tags": [f"t{i}" for i in range(11)]},
    ],
)
def test_create_validation(client, alice, payload):
    assert client.post("/notes", json=payload, headers=alice).status_code == 422


def test_title_of_exactly_200_is_fine(client, alice):
    assert client.post("/notes", json={"title": "x" * 200}, headers=alice).status_code == 201


def test_get_note(client, alice, make_note):
    note = make_note(alice, "Plans")
    response = client.get(f"/notes/{note['id']}", headers=alice)
    assert response.status_code == 200
    assert response.json() == note


def test_missing_note_is_404(client, alice):
    assert client.get("/notes/999", headers=alice).status_code == 404


def test_other_users_note_is_404(client, alice, bob, make_note):
    note = make_note(alice, "Diary")
    assert client.get(f"/notes/{note['id']}", headers=bob).status_code == 404
    assert client.delete(f"/notes/{note['id']}", headers=bob).status_code == 404
    assert client.get(f"/notes/{note['id']}", headers=alice).status_code == 200


def test_list_is_newest_change_first_and_own_only(client, alice, bob, make_note):
    first = make_note(alice, "first")
    second = make_note(alice, "second")
    make_note(bob, "bob's")
    assert [n["title"] for n in client.get("/notes", headers=alice).json()] == ["second", "first"]

    client.patch(f"/notes/{first['id']}", json={"version": 1, "body": "edited"}, headers=alice)
    assert [n["id"] for n in client.get("/notes", headers=alice).json()] == [first["id"], second["id"]]
    assert [n["title"] for n in client.get("/notes", headers=bob).json()] == ["bob's"]


def test_filter_by_tag(client, alice, make_note):
    make_note(alice, "a", tags=["work"])
    make_note(alice, "b", tags=["home"])
    make_note(alice, "c", tags=["work", "urgent"])
    make_note(alice, "d", tags=["homework"])
    assert [n["title"] for n in client.get("/notes", params={"tag": "work"}, headers=alice).json()] == ["c", "a"]
    assert [n["title"] for n in client.get("/notes", params={"tag": "Work"}, headers=alice).json()] == ["c", "a"]
    assert client.get("/notes", params={"tag": "nothing"}, headers=alice).json() == []


def test_limit_applies_after_the_tag_filter(client, alice, make_note):
    make_note(alice, "w1", tags=["work"])
    make_note(alice, "w2", tags=["work"])
    make_note(alice, "h1", tags=["home"])
    make_note(alice, "h2", tags=["home"])
    notes = client.get("/notes", params={"tag": "work", "limit": 2}, headers=alice).json()
    assert [n["title"] for n in notes] == ["w2", "w1"]


def test_limit(client, alice, make_note):
    for i in range(3):
        make_note(alice, f"n{i}")
    assert [n["title"] for n in client.get("/notes", params={"limit": 2}, headers=alice).json()] == ["n2", "n1"]
    assert len(client.get("/notes", params={"limit": 1}, headers=alice).json()) == 1
    assert len(client.get("/notes", params={"limit": 100}, headers=alice).json()) == 3


@pytest.mark.parametrize("limit", [0, 101, -5])
def test_limit_out_of_range_is_422(client, alice, limit):
    assert client.get("/notes", params={"limit": limit}, headers=alice).status_code == 422


def test_patch_with_the_current_version(client, alice, make_note, clock):
    note = make_note(alice, "Groceries", body="eggs", tags=["home"])
    response = client.patch(f"/notes/{note['id']}", json={"version": 1, "body": "eggs, milk"}, headers=alice)
    assert response.status_code == 200
    updated = response.json()
    assert updated["version"] == 2
    assert updated["body"] == "eggs, milk"
    assert updated["title"] == "Groceries"
    assert updated["tags"] == ["home"]
    assert updated["created_at"] == note["created_at"]
    assert updated["updated_at"] == clock.now.isoformat().replace("+00:00", "Z")
    assert client.get(f"/notes/{note['id']}", headers=alice).json() == updated


def test_patch_twice_needs_the_new_version(client, alice, make_note):
    note = make_note(alice)
    client.patch(f"/notes/{note['id']}", json={"version": 1, "title": "one"}, headers=alice)
    response = client.patch(f"/notes/{note['id']}", json={"version": 2, "title": "two"}, headers=alice)
    assert response.status_code == 200
    assert response.json()["version"] == 3


def test_patch_with_a_stale_version_is_409(client, alice, make_note):
    note = make_note(alice, "Groceries")
    client.patch(f"/notes/{note['id']}", json={"version": 1, "title": "Shopping"}, headers=alice)

    response = client.patch(f"/notes/{note['id']}", json={"version": 1, "title": "Mine"}, headers=alice)
    assert response.status_code == 409
    body = response.json()
    assert body["detail"] == "version conflict"
    assert body["current"]["title"] == "Shopping"
    assert body["current"]["version"] == 2
    assert client.get(f"/notes/{note['id']}", headers=alice).json()["title"] == "Shopping"


def test_patch_someone_elses_note_is_404(client, alice, bob, make_note):
    note = make_note(alice, "Diary")
    response = client.patch(f"/notes/{note['id']}", json={"version": 1, "title": "hacked"}, headers=bob)
    assert response.status_code == 404
    assert client.get(f"/notes/{note['id']}", headers=alice).json()["title"] == "Diary"


@pytest.mark.parametrize("payload", [{"title": "no version"}, {"version": 1, "title": None}, {"version": 1, "title": ""}])
def test_patch_validation(client, alice, make_note, payload):
    note = make_note(alice)
    assert client.patch(f"/notes/{note['id']}", json=payload, headers=alice).status_code == 422
    assert client.get(f"/notes/{note['id']}", headers=alice).json()["version"] == 1


def test_delete_moves_to_trash(client, alice, make_note):
    note = make_note(alice)
    assert client.delete(f"/notes/{note['id']}", headers=alice).status_code == 204
    assert client.get(f"/notes/{note['id']}", headers=alice).status_code == 404
    assert client.get("/notes", headers=alice).json() == []
    assert [n["id"] for n in client.get("/trash", headers=alice).json()] == [note["id"]]
    assert client.patch(f"/notes/{note['id']}", json={"version": 2, "title": "x"}, headers=alice).status_code == 404
