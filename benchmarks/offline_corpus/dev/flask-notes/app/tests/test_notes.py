import pytest
from notes.db import get_db


def test_index_shows_only_my_notes(client, auth):
    auth.login()
    response = client.get("/")
    assert b"groceries" in response.data
    assert b"secret" not in response.data
    assert b'href="/1/update"' not in response.data
    assert b'href="/1"' in response.data


def test_index_orders_pinned_then_newest_first(client, auth, app):
    with app.app_context():
        db = get_db()
        db.execute("INSERT INTO note (title, body, author_id, created) VALUES ('newer', '', 1, '2024-02-01 00:00:00')")
        db.execute(
            "INSERT INTO note (title, body, author_id, created, pinned) VALUES ('pin', '', 1, '2023-01-01 00:00:00', 1)"
        )
        db.commit()
    auth.login()
    data = client.get("/").data
    assert data.index(b"pin") < data.index(b"newer") < data.index(b"groceries")


def test_index_paginates(client, auth, app):
    with app.app_context():
        db = get_db()
        for day in range(1, 6):
            db.execute(
                "INSERT INTO note (title, body, author_id, created) VALUES (?, '', 1, ?)",
                (f"note-{day}", f"2024-03-0{day} 00:00:00"),
            )
        db.commit()
    auth.login()
    first = client.get("/").data
    second = client.get("/?page=2").data
    assert b"note-5" in first and b"note-3" in first
    assert b"note-2" not in first
    assert b"note-2" in second and b"note-1" in second and b"groceries" in second
    assert b"note-3" not in second
    assert client.get("/?page=0").status_code == 404


@pytest.mark.parametrize("path", ("/", "/create", "/1", "/1/update", "/1/delete"))
def test_login_required(client, path):
    response = client.post(path) if path.endswith("delete") else client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login"


def test_author_required(client, auth):
    auth.login()
    assert client.get("/2").status_code == 403
    assert client.get("/2/update").status_code == 403
    assert client.post("/2/update", data={"title": "mine now", "body": ""}).status_code == 403
    assert client.post("/2/delete").status_code == 403


def test_other_users_note_is_unchanged(client, auth, app):
    auth.login()
    client.post("/2/update", data={"title": "mine now", "body": ""})
    client.post("/2/delete")
    with app.app_context():
        row = get_db().execute("SELECT title FROM note WHERE id = 2").fetchone()
    assert row["title"] == "secret"


@pytest.mark.parametrize("path", ("/3", "/3/update", "/3/delete"))
def test_exists_required(client, auth, path):
    auth.login()
    response = client.post(path) if path.endswith("delete") else client.get(path)
    assert response.status_code == 404


def test_create(client, auth, app):
    auth.login()
    assert client.get("/create").status_code == 200
    response = client.post("/create", data={"title": "created", "body": "text", "pinned": "1"})
    assert response.headers["Location"] == "/"

    with app.app_context():
        row = get_db().execute("SELECT * FROM note WHERE title = 'created'").fetchone()
    assert row["author_id"] == 1
    assert row["pinned"] == 1


def test_update(client, auth, app):
    auth.login()
    assert client.get("/1/update").status_code == 200
    response = client.post("/1/update", data={"title": "updated", "body": "new"})
    assert response.headers["Location"] == "/1"

    with app.app_context():
        row = get_db().execute("SELECT * FROM note WHERE id = 1").fetchone()
    assert row["title"] == "updated"
    assert row["body"] == "new"


@pytest.mark.parametrize("path", ("/create", "/1/update"))
@pytest.mark.parametrize(
    ("title", "message"),
    (("", b"Title is required."), ("x" * 101, b"Title must be at most 100 characters.")),
)
def test_create_update_validate(client, auth, app, path, title, message):
    auth.login()
    response = client.post(path, data={"title": title, "body": ""})
    assert message in response.data
    with app.app_context():
        count = get_db().execute("SELECT COUNT(*) FROM note").fetchone()[0]
    assert count == 2


def test_title_of_maximum_length_is_accepted(client, auth):
    auth.login()
    response = client.post("/create", data={"title": "x" * 100, "body": ""})
    assert response.status_code == 302


def test_delete(client, auth, app):
    auth.login()
    response = client.post("/1/delete")
    assert response.headers["Location"] == "/"

    with app.app_context():
        assert get_db().execute("SELECT * FROM note WHERE id = 1").fetchone() is None
