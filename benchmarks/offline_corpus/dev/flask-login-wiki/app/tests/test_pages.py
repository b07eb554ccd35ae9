import pytest

from wiki.models import Page, Revision


def page_titles(query):
    return query(lambda s: sorted(p.title for p in s.query(Page)))


def revisions_of(query, slug):
    return query(
        lambda s: [
            (r.number, r.title, r.body, r.editor.username)
            for r in s.query(Revision).join(Page).filter(Page.slug == slug).order_by(Revision.number)
        ]
    )


# -- reading ------------------------------------------------------------------------------------------------


def test_index_lists_pages_by_title(client):
    data = client.get("/").data
    assert data.index(b"Getting Started") < data.index(b"Zebra Crossings")
    assert b'href="/pages/getting-started"' in data


def test_index_paginates(client, auth):
    auth.login()
    for title in ("Apples", "Bananas", "Cherries"):
        client.post("/new", data={"title": title, "body": "fruit"})
    first = client.get("/").data
    second = client.get("/?page=2").data
    assert b"Apples" in first and b"Cherries" in first
    assert b"Getting Started" not in first
    assert b"Getting Started" in second and b"Zebra Crossings" in second
    assert b'rel="next"' in first and b'rel="next"' not in second
    assert client.get("/?page=0").status_code == 404


def test_index_search(client):
    data = client.get("/?q=zebra").data
    assert b"Zebra Crossings" in data
    assert b"Getting Started" not in data


def test_view_is_public(client):
    response = client.get("/pages/getting-started")
    assert response.status_code == 200
    assert b"Install it, then run it." in response.data
    assert b"revision 2, last edited by bob" in response.data


@pytest.mark.parametrize(
    "path",
    ["/pages/nope", "/pages/nope/history", "/pages/nope/revisions/1", "/pages/getting-started/revisions/3", "/api/pages/nope"],
)
def test_missing_is_404(client, path):
    assert client.get(path).status_code == 404


def test_api_page(client):
    response = client.get("/api/pages/getting-started")
    assert response.status_code == 200
    data = response.get_json()
    assert data["slug"] == "getting-started"
    assert data["title"] == "Getting Started"
    assert data["author"] == "alice"
    assert data["revision"] == 2


def test_history_lists_newest_first(client):
    response = client.get("/pages/getting-started/history")
    assert response.status_code == 200
    data = response.data
    assert data.index(b"Revision 2") < data.index(b"Revision 1")
    assert b"by bob: Fix typo" in data


def test_old_revision(client):
    response = client.get("/pages/getting-started/revisions/1")
    assert response.status_code == 200
    assert b"Instal it." in response.data
    assert b"Revision 1 of" in response.data


# -- creating -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/new", "/pages/getting-started/edit"])
def test_login_required_for_forms(client, path):
    for response in (client.get(path), client.post(path, data={"title": "T", "body": "B"})):
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login?next=")


def test_login_required_to_delete(client, query):
    response = client.post("/pages/zebra-crossings/delete")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert "Zebra Crossings" in page_titles(query)


def test_create(client, auth, query):
    auth.login("bob")
    assert client.get("/new").status_code == 200
    response = client.post("/new", data={"title": "Hello, World!", "body": "First post.", "summary": ""})
    assert response.status_code == 302
    assert response.headers["Location"] == "/pages/hello-world"
    assert b"First post." in client.get("/pages/hello-world").data
    page = query(lambda s: s.query(Page).filter_by(slug="hello-world").one())
    assert page.title == "Hello, World!"
    assert page.author_id == 2
    assert revisions_of(query, "hello-world") == [(1, "Hello, World!", "First post.", "bob")]


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "text", b"Title is required."),
        ("   ", "text", b"Title is required."),
        ("x" * 101, "text", b"Title must be at most 100 characters."),
        ("???", "text", b"Title must contain at least one letter or digit."),
        ("Fine", "  ", b"Body is required."),
    ],
)
def test_create_validates_input(client, auth, query, title, body, message):
    auth.login()
    response = client.post("/new", data={"title": title, "body": body})
    assert response.status_code == 400
    assert message in response.data
    assert page_titles(query) == ["Getting Started", "Zebra Crossings"]


def test_create_accepts_a_title_of_maximum_length(client, auth):
    auth.login()
    assert client.post("/new", data={"title": "x" * 100, "body": "text"}).status_code == 302


def test_create_rejects_a_title_whose_slug_exists(client, auth, query):
    auth.login()
    response = client.post("/new", data={"title": "getting   started!", "body": "again"})
    assert response.status_code == 409
    assert b"already exists" in response.data
    assert page_titles(query) == ["Getting Started", "Zebra Crossings"]


# -- editing ------------------------------------------------------------------------------------------------


def test_edit_adds_a_revision(client, auth, query):
    auth.login("carol")
    assert client.get("/pages/getting-started/edit").status_code == 200
    response = client.post(
        "/pages/getting-started/edit", data={"title": "Getting Started", "body": "Run it.", "summary": "Shorter"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/pages/getting-started"
    assert revisions_of(query, "getting-started")[-1] == (3, "Getting Started", "Run it.", "carol")
    assert query(lambda s: s.query(Page).filter_by(slug="getting-started").one().body) == "Run it."
    assert client.get("/api/pages/getting-started").get_json()["revision"] == 3


def test_any_user_may_edit_anothers_page(client, auth, query):
    auth.login("bob")
    client.post("/pages/getting-started/edit", data={"title": "Getting Started", "body": "Bob was here."})
    assert b"Bob was here." in client.get("/pages/getting-started").data


def test_edit_can_retitle_but_keeps_the_slug(client, auth, query):
    auth.login()
    response = client.post("/pages/getting-started/edit", data={"title": "Quick Start", "body": "Install it, then run it."})
    assert response.headers["Location"] == "/pages/getting-started"
    page = query(lambda s: s.query(Page).filter_by(slug="getting-started").one())
    assert page.title == "Quick Start"
    assert revisions_of(query, "getting-started")[-1][:2] == (3, "Quick Start")


def test_edit_without_changes_adds_no_revision(client, auth, query):
    auth.login()
    response = client.post(
        "/pages/getting-started/edit", data={"title": "Getting Started", "body": "Install it, then run it."}
    )
    assert response.status_code == 302
    assert len(revisions_of(query, "getting-started")) == 2


def test_edit_validates_input(client, auth, query):
    auth.login()
    response = client.post("/pages/getting-started/edit", data={"title": "", "body": "x"})
    assert response.status_code == 400
    assert b"Title is required." in response.data
    assert len(revisions_of(query, "getting-started")) == 2


def test_edits_number_revisions_consecutively(client, auth, query):
    auth.login()
    for body in ("one", "two", "three"):
        client.post("/pages/zebra-crossings/edit", data={"title": "Zebra Crossings", "body": body})
    assert [r[0] for r in revisions_of(query, "zebra-crossings")] == [1, 2, 3, 4]
    assert b"three" in client.get("/pages/zebra-crossings/revisions/4").data


# -- deleting -----------------------------------------------------------------------------------------------


def test_author_may_delete(client, auth, query):
    auth.login("bob")
    response = client.post("/pages/zebra-crossings/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert page_titles(query) == ["Getting Started"]
    assert query(lambda s: s.query(Revision).count()) == 2
    assert client.get("/pages/zebra-crossings").status_code == 404


def test_admin_may_delete_any_page(client, auth, query):
    auth.login("carol")
    assert client.post("/pages/getting-started/delete").status_code == 302
    assert page_titles(query) == ["Zebra Crossings"]


def test_editor_who_is_not_the_author_may_not_delete(client, auth, query):
    auth.login("bob")
    response = client.post("/pages/getting-started/delete")
    assert response.status_code == 403
    assert page_titles(query) == ["Getting Started", "Zebra Crossings"]


def test_delete_button_only_for_author_or_admin(client, auth):
    auth.login("bob")
    assert b"/pages/getting-started/delete" not in client.get("/pages/getting-started").data
    assert b"/pages/zebra-crossings/delete" in client.get("/pages/zebra-crossings").data
