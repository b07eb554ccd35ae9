import base64

import pytest


def feed(client, headers, **params):
    response = client.get("/sync", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_empty_feed(client, alice):
    page = feed(client, alice)
    assert page["changes"] == []
    assert page["has_more"] is False
    assert isinstance(page["cursor"], str)
    assert feed(client, alice, since=page["cursor"])["changes"] == []


def test_feed_needs_a_token(client):
    assert client.get("/sync").status_code == 401


def test_feed_lists_created_updated_deleted_in_order(client, alice, make_note):
    note = make_note(alice, "Groceries")
    client.patch(f"/notes/{note['id']}", json={"version": 1, "title": "Shopping"}, headers=alice)
    client.delete(f"/notes/{note['id']}", headers=alice)

    changes = feed(client, alice)["changes"]
    assert [c["type"] for c in changes] == ["created", "updated", "deleted"]
    assert {c["note_id"] for c in changes} == {note["id"]}
    assert changes[0]["note"]["title"] == "Groceries"
    assert changes[0]["note"]["version"] == 1
    assert changes[1]["note"]["title"] == "Shopping"
    assert changes[1]["note"]["version"] == 2
    assert changes[2]["note"] is None


def test_since_returns_only_later_changes(client, alice, make_note):
    first = make_note(alice, "first")
    cursor = feed(client, alice)["cursor"]
    second = make_note(alice, "second")
    client.patch(f"/notes/{first['id']}", json={"version": 1, "body": "more"}, headers=alice)

    page = feed(client, alice, since=cursor)
    assert [(c["type"], c["note_id"]) for c in page["changes"]] == [("created", second["id"]), ("updated", first["id"])]
    assert feed(client, alice, since=page["cursor"])["changes"] == []


def test_since_a_change_cursor_excludes_that_change(client, alice, make_note):
    make_note(alice, "a")
    make_note(alice, "b")
    changes = feed(client, alice)["changes"]
    after_first = feed(client, alice, since=changes[0]["cursor"])["changes"]
    assert [c["note"]["title"] for c in after_first] == ["b"]


def test_paging_with_limit(client, alice, make_note):
    for title in ("a", "b", "c"):
        make_note(alice, title)
    page = feed(client, alice, limit=2)
    assert [c["note"]["title"] for c in page["changes"]] == ["a", "b"]
    assert page["has_more"] is True
    page = feed(client, alice, since=page["cursor"], limit=2)
    assert [c["note"]["title"] for c in page["changes"]] == ["c"]
    assert page["has_more"] is False


def test_cursor_is_kept_when_nothing_is_new(client, alice, make_note):
    make_note(alice)
    cursor = feed(client, alice)["cursor"]
    assert feed(client, alice, since=cursor)["cursor"] == cursor


def test_cursors_grow_with_each_change(client, alice, make_note):
    cursors = []
    for title in ("a", "b"):
        make_note(alice, title)
        cursors.append(feed(client, alice)["cursor"])
    assert cursors[0] != cursors[1]
    assert [c["note"]["title"] for c in feed(client, alice, since=cursors[0])["changes"]] == ["b"]


def test_feed_is_per_user(client, alice, bob, make_note):
    make_note(alice, "alice's")
    mine = make_note(bob, "bob's")
    changes = feed(client, bob)["changes"]
    assert [c["note_id"] for c in changes] == [mine["id"]]


def test_restore_shows_as_updated(client, alice, make_note):
    note = make_note(alice)
    client.delete(f"/notes/{note['id']}", headers=alice)
    cursor = feed(client, alice)["cursor"]
    client.post(f"/trash/{note['id']}/restore", headers=alice)
    changes = feed(client, alice, since=cursor)["changes"]
    assert [c["type"] for c in changes] == ["updated"]
    assert changes[0]["note"]["version"] == 3


@pytest.mark.parametrize(
    "cursor", ["garbage!", base64.urlsafe_b64encode(b"c2:5").decode(), base64.urlsafe_b64encode(b"c1:x").decode()]
)
def test_invalid_cursor_is_400(client, alice, cursor):
    response = client.get("/sync", params={"since": cursor}, headers=alice)
    assert response.status_code == 400
    assert response.json()["detail"] == "invalid cursor"


@pytest.mark.parametrize("limit", [0, 101])
def test_sync_limit_out_of_range_is_422(client, alice, limit):
    assert client.get("/sync", params={"limit": limit}, headers=alice).status_code == 422
