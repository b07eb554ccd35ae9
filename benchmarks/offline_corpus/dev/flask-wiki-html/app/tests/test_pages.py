import pytest

from wiki.db import get_db
from wiki.pages import slugify

from .conftest import revision_count


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Getting Started: Part 2!", "getting-started-part-2"),
        ("  Hello   World  ", "hello-world"),
        ("Café au lait", "cafe-au-lait"),
        ("--Release notes--", "release-notes"),
        ("C++ / Rust?", "c-rust"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_slugify_caps_the_length():
    assert slugify("a" * 100) == "a" * 60
    assert not slugify("word " * 20).endswith("-")


def test_index_lists_pages(client, make_page):
    assert b"No pages yet." in client.get("/").data
    make_page("Zebra care")
    make_page("apple pie")

    data = client.get("/").data.decode()

    assert data.index("apple pie") < data.index("Zebra care")


def test_creating_needs_login(client):
    for method in (client.get, client.post):
        response = method("/new")
        assert response.status_code == 302
        assert response.headers["Location"] == "/auth/login?next=/new"


def test_create_page_redirects_to_it(client, auth):
    auth.login()

    response = client.post("/new", data={"title": "Getting Started!", "body": "Welcome."})

    assert response.status_code == 302
    assert response.headers["Location"] == "/wiki/getting-started"
    page = client.get("/wiki/getting-started")
    assert b"Page created." in page.data
    assert b"Welcome." in page.data
    assert b"Revision 1 by alice" in page.data


def test_same_slug_is_refused_with_a_message(client, app, make_page):
    make_page("Hello World")

    response = client.post("/new", data={"title": "hello, world!", "body": "Again"})

    assert response.status_code == 409
    assert b"A page called &#39;hello-world&#39; already exists." in response.data
    assert b'value="hello, world!"' in response.data
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM page").fetchone()[0] == 1


def test_create_validation(client, auth):
    auth.login()
    cases = [
        ({"title": "", "body": "x"}, b"Title is required."),
        ({"title": "?!", "body": "x"}, b"The title needs at least one letter or digit."),
        ({"title": "Empty", "body": "   "}, b"The page needs some text."),
    ]
    for data, message in cases:
        response = client.post("/new", data=data)
        assert response.status_code == 400
        assert message in response.data


def test_unknown_page_is_404(client):
    assert client.get("/wiki/nothing-here").status_code == 404
    assert client.get("/wiki/nothing-here/history").status_code == 404


def test_edit_needs_login(client, app, make_page, auth):
    slug = make_page()
    auth.logout()

    assert client.get(f"/wiki/{slug}/edit").status_code == 302
    response = client.post(f"/wiki/{slug}/edit", data={"body": "Vandalised"})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert revision_count(app, slug) == 1


def test_any_user_can_edit_and_each_edit_is_a_revision(client, app, make_page, auth):
    slug = make_page(body="First text.")
    auth.login("bob")

    response = client.post(f"/wiki/{slug}/edit", data={"body": "Second text.", "comment": "typo"})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/wiki/{slug}"
    page = client.get(f"/wiki/{slug}").data
    assert b"Saved revision 2." in page
    assert b"Second text." in page
    assert b"Revision 2 by bob; page by alice" in page
    assert revision_count(app, slug) == 2


def test_saving_unchanged_text_adds_no_revision(client, app, make_page):
    slug = make_page(body="Same.")

    response = client.post(f"/wiki/{slug}/edit", data={"body": "Same."}, follow_redirects=True)

    assert b"No changes to save." in response.data
    assert revision_count(app, slug) == 1


def test_history_lists_revisions_newest_first(client, make_page):
    slug = make_page(body="one")
    client.post(f"/wiki/{slug}/edit", data={"body": "two", "comment": "second go"})

    data = client.get(f"/wiki/{slug}/history").data.decode()

    assert data.index("Revision 2") < data.index("Revision 1")
    assert "second go" in data


def test_view_an_old_revision(client, make_page):
    slug = make_page(body="Old words.")
    client.post(f"/wiki/{slug}/edit", data={"body": "New words."})

    old = client.get(f"/wiki/{slug}/revisions/1")
    current = client.get(f"/wiki/{slug}/revisions/2")

    assert old.status_code == 200
    assert b"Old words." in old.data
    assert b"not the current text" in old.data
    assert b"New words." in current.data
    assert b"not the current text" not in current.data
    assert client.get(f"/wiki/{slug}/revisions/3").status_code == 404


def test_revert_adds_a_new_revision(client, app, make_page):
    slug = make_page(body="Good text.")
    client.post(f"/wiki/{slug}/edit", data={"body": "Bad text."})

    response = client.post(f"/wiki/{slug}/revisions/1/revert")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/wiki/{slug}"
    page = client.get(f"/wiki/{slug}").data
    assert b"Reverted to revision 1 as revision 3." in page
    assert b"Good text." in page
    assert revision_count(app, slug) == 3
    history = client.get(f"/wiki/{slug}/history").data
    assert b"Reverted to revision 1" in history
    assert b"Bad text." in client.get(f"/wiki/{slug}/revisions/2").data


def test_revert_needs_login_and_an_existing_revision(client, app, make_page, auth):
    slug = make_page(body="one")
    client.post(f"/wiki/{slug}/edit", data={"body": "two"})

    assert client.post(f"/wiki/{slug}/revisions/9/revert").status_code == 404
    auth.logout()
    response = client.post(f"/wiki/{slug}/revisions/1/revert")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert revision_count(app, slug) == 2


def test_only_author_or_admin_may_delete(client, app, make_page, auth):
    slug = make_page()
    auth.login("bob")

    response = client.post(f"/wiki/{slug}/delete")

    assert response.status_code == 403
    assert client.get(f"/wiki/{slug}").status_code == 200
    assert b">Delete<" not in client.get(f"/wiki/{slug}").data


def test_author_deletes_own_page(client, app, make_page):
    slug = make_page("Scratch")

    response = client.post(f"/wiki/{slug}/delete", follow_redirects=True)

    assert response.request.path == "/"
    assert b"Deleted &#39;Scratch&#39;." in response.data
    assert client.get(f"/wiki/{slug}").status_code == 404
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM revision").fetchone()[0] == 0


def test_admin_deletes_any_page(client, make_page, auth):
    slug = make_page()
    auth.login("root")

    assert b">Delete<" in client.get(f"/wiki/{slug}").data
    response = client.post(f"/wiki/{slug}/delete")

    assert response.status_code == 302
    assert client.get(f"/wiki/{slug}").status_code == 404


def test_delete_needs_login(client, make_page, auth):
    slug = make_page()
    auth.logout()

    response = client.post(f"/wiki/{slug}/delete")

    assert response.status_code == 302
    assert client.get(f"/wiki/{slug}").status_code == 200
