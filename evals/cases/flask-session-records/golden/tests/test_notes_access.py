import pytest

from notes.app import create_app


@pytest.fixture
def app():
    return create_app(secret_key="test")


def logged_in(app, user):
    client = app.test_client()
    resp = client.post("/login", json={"username": user, "password": f"{user}-pw"})
    assert resp.status_code == 200
    return client


def test_owner_creates_and_reads_a_note_success(app):
    alice = logged_in(app, "alice")
    created = alice.post("/notes", json={"body": "buy milk"})
    assert created.status_code == 201
    note = created.get_json()
    assert note["owner"] == "alice"
    got = alice.get(f"/notes/{note['id']}")
    assert got.status_code == 200
    assert got.get_json()["body"] == "buy milk"


def test_reading_another_users_note_is_forbidden(app):
    note = logged_in(app, "alice").post("/notes", json={"body": "secret"}).get_json()
    resp = logged_in(app, "bob").get(f"/notes/{note['id']}")
    assert resp.status_code == 403
    assert "secret" not in resp.get_data(as_text=True)


def test_deleting_another_users_note_is_forbidden_and_keeps_it(app):
    alice = logged_in(app, "alice")
    note = alice.post("/notes", json={"body": "keep me"}).get_json()
    assert logged_in(app, "bob").delete(f"/notes/{note['id']}").status_code == 403
    assert alice.get(f"/notes/{note['id']}").status_code == 200


def test_owner_deletes_a_note_side_effect(app):
    alice = logged_in(app, "alice")
    note = alice.post("/notes", json={"body": "temp"}).get_json()
    assert alice.delete(f"/notes/{note['id']}").status_code == 204
    assert alice.get(f"/notes/{note['id']}").status_code == 404


def test_notes_without_a_session_are_unauthorized(app):
    client = app.test_client()
    assert client.post("/notes", json={"body": "x"}).status_code == 401
    assert client.get("/notes/1").status_code == 401


def test_logout_ends_the_session_unauthorized(app):
    alice = logged_in(app, "alice")
    assert alice.post("/logout").status_code == 204
    assert alice.get("/notes/1").status_code == 401


def test_wrong_password_is_unauthorized(app):
    resp = app.test_client().post("/login", json={"username": "alice", "password": "bob-pw"})
    assert resp.status_code == 401


def test_empty_note_body_is_invalid_input(app):
    resp = logged_in(app, "alice").post("/notes", json={"body": "   "})
    assert resp.status_code == 400


def test_missing_note_is_not_found(app):
    assert logged_in(app, "alice").get("/notes/999").status_code == 404
