import pytest


def test_index_lists_boards(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"General" in response.data
    assert b"Help" in response.data
    assert b"2 threads" in response.data
    assert b"0 threads" in response.data
    assert b"New board" not in response.data


def test_board_page_lists_its_threads(client):
    response = client.get("/b/general")
    assert response.status_code == 200
    assert b"Hello everyone" in response.data
    assert b"Forum rules" in response.data
    assert b'href="/t/1"' in response.data


def test_unknown_board(client):
    assert client.get("/b/nowhere").status_code == 404


@pytest.mark.parametrize("path", ("/b/general/new", "/boards/new"))
def test_login_required(client, path):
    for response in (client.get(path), client.post(path, data={})):
        assert response.status_code == 302
        assert response.headers["Location"] == "/auth/login"


def test_create_thread(client, auth, query):
    auth.login()
    assert client.get("/b/general/new").status_code == 200
    response = client.post("/b/general/new", data={"title": "Introductions", "body": "I am new here."})
    assert response.status_code == 302
    assert response.headers["Location"] == "/t/3"
    page = client.get("/t/3").data
    assert b"Introductions" in page
    assert b"I am new here." in page
    assert query("SELECT author_id FROM post WHERE thread_id = 3")[0][0] == 1


@pytest.mark.parametrize(
    ("title", "body", "message"),
    (
        ("", "text", b"Title is required."),
        ("x" * 121, "text", b"Title must be at most 120 characters."),
        ("Title", "   ", b"The first post cannot be empty."),
    ),
)
def test_create_thread_validate_input(client, auth, query, title, body, message):
    auth.login()
    response = client.post("/b/general/new", data={"title": title, "body": body})
    assert response.status_code == 200
    assert message in response.data
    assert query("SELECT COUNT(*) FROM thread")[0][0] == 2


def test_title_of_maximum_length(client, auth):
    auth.login()
    response = client.post("/b/general/new", data={"title": "x" * 120, "body": "text"})
    assert response.status_code == 302


def test_threads_ordered_by_latest_post(client, auth):
    auth.login()
    client.post("/b/general/new", data={"title": "Brand new", "body": "text"})
    page = client.get("/b/general").data
    assert page.index(b"Brand new") < page.index(b"Hello everyone") < page.index(b"Forum rules")
    client.post("/t/1/reply", data={"body": "bump"})
    page = client.get("/b/general").data
    assert page.index(b"Hello everyone") < page.index(b"Brand new")


def test_moderator_creates_board(client, auth):
    auth.login("mod", "mod-pass")
    assert b"New board" in client.get("/").data
    response = client.post("/boards/new", data={"name": "Off topic", "slug": "off-topic", "description": "Chat"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/b/off-topic"
    assert b"Off topic" in client.get("/b/off-topic").data


def test_board_slug_must_be_unique(client, auth, query):
    auth.login("mod", "mod-pass")
    response = client.post("/boards/new", data={"name": "Again", "slug": "general"})
    assert response.status_code == 200
    assert b"Board /general already exists." in response.data
    assert query("SELECT COUNT(*) FROM board")[0][0] == 2


def test_board_slug_format(client, auth):
    auth.login("mod", "mod-pass")
    response = client.post("/boards/new", data={"name": "Bad", "slug": "bad slug!"})
    assert b"lower-case letters, digits and single hyphens" in response.data


def test_only_moderators_create_boards(client, auth, query):
    auth.login()
    assert client.get("/boards/new").status_code == 403
    assert client.post("/boards/new", data={"name": "Mine", "slug": "mine"}).status_code == 403
    assert query("SELECT COUNT(*) FROM board")[0][0] == 2
