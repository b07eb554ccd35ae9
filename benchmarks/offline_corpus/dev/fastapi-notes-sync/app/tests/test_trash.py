from conftest import sign_in


def test_trash_lists_deleted_notes_newest_first(client, alice, make_note, clock):
    a = make_note(alice, "a")
    b = make_note(alice, "b")
    make_note(alice, "kept")
    client.delete(f"/notes/{a['id']}", headers=alice)
    clock.advance(minutes=10)
    client.delete(f"/notes/{b['id']}", headers=alice)

    trash = client.get("/trash", headers=alice).json()
    assert [n["title"] for n in trash] == ["b", "a"]
    assert trash[0]["deleted_at"] == clock.now.isoformat().replace("+00:00", "Z")


def test_trash_is_per_user(client, alice, bob, make_note):
    note = make_note(alice)
    client.delete(f"/notes/{note['id']}", headers=alice)
    assert client.get("/trash", headers=bob).json() == []
    assert client.get("/trash").status_code == 401


def test_restore(client, alice, make_note):
    note = make_note(alice, "Plans")
    client.delete(f"/notes/{note['id']}", headers=alice)

    response = client.post(f"/trash/{note['id']}/restore", headers=alice)
    assert response.status_code == 200
    restored = response.json()
    assert restored["title"] == "Plans"
    assert restored["version"] == 3
    assert client.get("/trash", headers=alice).json() == []
    assert [n["id"] for n in client.get("/notes", headers=alice).json()] == [note["id"]]


def test_restore_needs_a_note_in_your_trash(client, alice, bob, make_note):
    live = make_note(alice, "live")
    assert client.post(f"/trash/{live['id']}/restore", headers=alice).status_code == 404
    deleted = make_note(alice, "deleted")
    client.delete(f"/notes/{deleted['id']}", headers=alice)
    assert client.post(f"/trash/{deleted['id']}/restore", headers=bob).status_code == 404
    assert client.post("/trash/999/restore", headers=alice).status_code == 404
    assert [n["id"] for n in client.get("/trash", headers=alice).json()] == [deleted["id"]]


def test_trash_keeps_notes_for_the_retention_period(client, alice, make_note, clock):
    note = make_note(alice)
    client.delete(f"/notes/{note['id']}", headers=alice)
    clock.advance(days=29, hours=23)
    # The first session has long expired: sign in again.
    headers = sign_in(client, "alice@example.com")
    assert [n["id"] for n in client.get("/trash", headers=headers).json()] == [note["id"]]


def test_trash_purges_after_the_retention_period(client, alice, make_note, clock):
    note = make_note(alice)
    client.delete(f"/notes/{note['id']}", headers=alice)
    clock.advance(days=30)
    headers = sign_in(client, "alice@example.com")
    assert client.get("/trash", headers=headers).json() == []
    assert client.post(f"/trash/{note['id']}/restore", headers=headers).status_code == 404
    assert client.get(f"/notes/{note['id']}", headers=headers).status_code == 404


def test_purge_only_touches_old_notes(client, alice, make_note, clock):
    old = make_note(alice, "old")
    client.delete(f"/notes/{old['id']}", headers=alice)
    clock.advance(days=20)
    headers = sign_in(client, "alice@example.com")
    recent = make_note(headers, "recent")
    client.delete(f"/notes/{recent['id']}", headers=headers)
    clock.advance(days=15)
    headers = sign_in(client, "alice@example.com")
    assert [n["title"] for n in client.get("/trash", headers=headers).json()] == ["recent"]
