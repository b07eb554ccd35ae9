import pytest


def add_posts(query, thread_id, count, author_id=2):
    for number in range(1, count + 1):
        query(
            "INSERT INTO post (thread_id, author_id, body, created) VALUES (?, ?, ?, ?)",
            (thread_id, author_id, f"filler post {number:03d}.", f"2024-01-02 00:{number % 60:02d}:00"),
        )


def test_thread_page(client):
    response = client.get("/t/1")
    assert response.status_code == 200
    assert b"Hello everyone" in response.data
    assert b"First post, hello!" in response.data
    assert b"Welcome aboard." in response.data
    assert b"Page 1 of 1" in response.data
    assert b'id="post-1"' in response.data


def test_unknown_thread(client, auth):
    assert client.get("/t/99").status_code == 404
    auth.login()
    assert client.post("/t/99/reply", data={"body": "hello?"}).status_code == 404


def test_reply_needs_login(client, query):
    response = client.post("/t/1/reply", data={"body": "anonymous"})
    assert response.headers["Location"] == "/auth/login"
    assert query("SELECT COUNT(*) FROM post WHERE thread_id = 1")[0][0] == 2


def test_reply(client, auth, query):
    auth.login()
    response = client.post("/t/1/reply", data={"body": "Thanks, glad to be here."})
    assert response.status_code == 302
    assert response.headers["Location"] == "/t/1?page=1#post-4"
    assert b"Thanks, glad to be here." in client.get("/t/1").data
    assert query("SELECT author_id FROM post WHERE id = 4")[0][0] == 1


def test_reply_redirects_to_the_last_page(client, auth, query):
    add_posts(query, 1, 20)  # 22 posts: the reply is the 23rd, on page 2
    auth.login()
    response = client.post("/t/1/reply", data={"body": "on the second page"})
    assert response.headers["Location"] == "/t/1?page=2#post-24"
    assert b"on the second page" in client.get("/t/1?page=2").data


@pytest.mark.parametrize("body", ("", "   \n  "))
def test_empty_reply_is_refused(client, auth, query, body):
    auth.login()
    response = client.post("/t/1/reply", data={"body": body})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/t/1")
    assert b"A reply cannot be empty." in client.get(response.headers["Location"]).data
    assert query("SELECT COUNT(*) FROM post WHERE thread_id = 1")[0][0] == 2


def test_reply_to_locked_thread(client, auth, query):
    auth.login()
    response = client.post("/t/2/reply", data={"body": "let me in"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/t/2"
    page = client.get("/t/2").data
    assert b"This thread is locked." in page
    assert b"let me in" not in page
    assert query("SELECT COUNT(*) FROM post WHERE thread_id = 2")[0][0] == 1


def test_locked_thread_hides_the_reply_form(client, auth):
    auth.login()
    assert b"Post reply" in client.get("/t/1").data
    assert b"Post reply" not in client.get("/t/2").data


def test_moderator_locks_and_unlocks(client, auth, query):
    auth.login("mod", "mod-pass")
    response = client.post("/t/1/lock")
    assert response.status_code == 302
    assert response.headers["Location"] == "/t/1"
    assert query("SELECT locked FROM thread WHERE id = 1")[0][0] == 1
    assert b"Thread locked." in client.get("/t/1").data

    response = client.post("/t/1/unlock")
    assert response.headers["Location"] == "/t/1"
    assert query("SELECT locked FROM thread WHERE id = 1")[0][0] == 0


def test_moderator_locks_unknown_thread(client, auth):
    auth.login("mod", "mod-pass")
    assert client.post("/t/99/lock").status_code == 404


@pytest.mark.parametrize("action", ("lock", "unlock"))
def test_only_moderators_lock(client, auth, query, action):
    auth.login()
    assert client.post(f"/t/1/{action}").status_code == 403
    assert client.post(f"/t/2/{action}").status_code == 403
    assert [row["locked"] for row in query("SELECT locked FROM thread ORDER BY id")] == [0, 1]


@pytest.mark.parametrize("action", ("lock", "unlock"))
def test_lock_needs_login(client, action):
    assert client.post(f"/t/1/{action}").headers["Location"] == "/auth/login"


def test_twenty_posts_per_page(client, query):
    add_posts(query, 1, 43)  # 45 posts in all
    first = client.get("/t/1").data
    assert first.count(b'class="post"') == 20
    assert b"First post, hello!" in first
    assert b"filler post 018." in first
    assert b"filler post 019." not in first
    assert b"Page 1 of 3" in first

    second = client.get("/t/1?page=2").data
    assert second.count(b'class="post"') == 20
    assert b"filler post 019." in second
    assert b"filler post 038." in second
    assert b"filler post 039." not in second

    third = client.get("/t/1?page=3").data
    assert third.count(b'class="post"') == 5
    assert b"filler post 043." in third
    assert b"Page 3 of 3" in third


def test_exactly_forty_posts_make_two_pages(client, query):
    add_posts(query, 1, 38)
    assert b"Page 2 of 2" in client.get("/t/1?page=2").data
    assert client.get("/t/1?page=3").status_code == 404


def test_twenty_one_posts_make_two_pages(client, query):
    add_posts(query, 1, 19)
    second = client.get("/t/1?page=2").data
    assert second.count(b'class="post"') == 1
    assert b"filler post 019." in second


@pytest.mark.parametrize("page", ("0", "2", "-1"))
def test_page_out_of_range(client, page):
    assert client.get(f"/t/1?page={page}").status_code == 404
