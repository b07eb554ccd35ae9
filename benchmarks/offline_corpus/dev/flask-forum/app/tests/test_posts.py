from datetime import datetime, timedelta, timezone

import pytest


def minutes_ago(minutes):
    return (datetime.now(timezone.utc) - timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M:%S")


@pytest.fixture
def fresh_post(client, auth, query):
    """A reply by 'test' in thread 1, written just now (post 4)."""
    auth.login()
    client.post("/t/1/reply", data={"body": "I wrote this just now."})
    return 4


def test_author_edits_fresh_post(client, fresh_post, query):
    assert client.get(f"/posts/{fresh_post}/edit").status_code == 200
    response = client.post(f"/posts/{fresh_post}/edit", data={"body": "Fixed a typo."})
    assert response.status_code == 302
    assert response.headers["Location"] == "/t/1?page=1#post-4"
    page = client.get("/t/1").data
    assert b"Fixed a typo." in page
    assert b"I wrote this just now." not in page
    assert b"edited" in page
    assert query("SELECT edited FROM post WHERE id = 4")[0][0] is not None


def test_edit_link_shown_to_the_author_only(client, auth, fresh_post):
    assert b'href="/posts/4/edit"' in client.get("/t/1").data
    auth.logout()
    auth.login("other", "other-pass")
    assert b'href="/posts/4/edit"' not in client.get("/t/1").data


def test_edit_within_fourteen_minutes(client, fresh_post, query):
    query("UPDATE post SET created = ? WHERE id = 4", (minutes_ago(14),))
    response = client.post("/posts/4/edit", data={"body": "still in time"})
    assert response.status_code == 302
    assert query("SELECT body FROM post WHERE id = 4")[0][0] == "still in time"


def test_edit_after_fifteen_minutes_is_forbidden(client, fresh_post, query):
    query("UPDATE post SET created = ? WHERE id = 4", (minutes_ago(16),))
    assert client.get("/posts/4/edit").status_code == 403
    assert client.post("/posts/4/edit", data={"body": "too late"}).status_code == 403
    assert query("SELECT body FROM post WHERE id = 4")[0][0] == "I wrote this just now."
    assert b'href="/posts/4/edit"' not in client.get("/t/1").data


def test_old_post_cannot_be_edited(client, auth):
    auth.login()
    assert client.post("/posts/1/edit", data={"body": "rewriting history"}).status_code == 403


def test_other_users_cannot_edit(client, auth, fresh_post, query):
    auth.logout()
    auth.login("other", "other-pass")
    assert client.get("/posts/4/edit").status_code == 403
    assert client.post("/posts/4/edit", data={"body": "hijacked"}).status_code == 403
    assert query("SELECT body FROM post WHERE id = 4")[0][0] == "I wrote this just now."


def test_moderators_cannot_edit_others_posts(client, auth, fresh_post):
    auth.logout()
    auth.login("mod", "mod-pass")
    assert client.post("/posts/4/edit", data={"body": "moderated"}).status_code == 403


def test_edit_with_empty_body(client, fresh_post, query):
    response = client.post("/posts/4/edit", data={"body": "  "})
    assert response.status_code == 200
    assert b"A post cannot be empty." in response.data
    assert query("SELECT body FROM post WHERE id = 4")[0][0] == "I wrote this just now."


def test_edit_unknown_post(client, auth):
    auth.login()
    assert client.get("/posts/99/edit").status_code == 404


def test_edit_needs_login(client):
    assert client.get("/posts/1/edit").headers["Location"] == "/auth/login"


def test_edit_redirects_to_the_page_of_the_post(client, auth, query):
    for number in range(25):
        query(
            "INSERT INTO post (thread_id, author_id, body, created) VALUES (1, 2, ?, '2024-01-02 00:00:00')",
            (f"filler {number}",),
        )
    auth.login()
    client.post("/t/1/reply", data={"body": "mine, on page 2"})
    response = client.post("/posts/29/edit", data={"body": "mine, edited"})
    assert response.headers["Location"] == "/t/1?page=2#post-29"
