import sqlite3

import pytest


def test_create_bookmark(alice):
    response = alice.post(
        "/api/bookmarks",
        json={"url": "https://flask.palletsprojects.com/", "title": "Flask docs", "tags": ["python", "web"]},
    )
    assert response.status_code == 201
    body = response.get_json()
    assert body["url"] == "https://flask.palletsprojects.com/"
    assert body["title"] == "Flask docs"
    assert body["tags"] == ["python", "web"]
    assert body["private"] is False
    assert body["owner"] == "alice"
    assert response.headers["Location"] == f"/api/bookmarks/{body['id']}"
    assert alice.get(response.headers["Location"]).get_json() == body


@pytest.mark.parametrize("url", ["http://example.com", "https://example.com/a?b=c"])
def test_http_and_https_urls_are_accepted(alice, url):
    assert alice.post("/api/bookmarks", json={"url": url, "title": "t"}).status_code == 201


@pytest.mark.parametrize(
    "url", ["ftp://example.com/file", "javascript:alert(1)", "example.com", "https://", "", None, 42]
)
def test_invalid_urls_are_rejected(alice, url):
    response = alice.post("/api/bookmarks", json={"url": url, "title": "t"})
    assert response.status_code == 400
    assert alice.get("/api/bookmarks").get_json()["total"] == 0


@pytest.mark.parametrize("title", ["", "   ", None, "x" * 201])
def test_invalid_titles_are_rejected(alice, title):
    assert alice.post("/api/bookmarks", json={"url": "https://example.com", "title": title}).status_code == 400


def test_title_of_maximum_length_is_accepted(alice):
    assert alice.post("/api/bookmarks", json={"url": "https://example.com", "title": "x" * 200}).status_code == 201


def test_tags_are_lower_cased_and_deduplicated(alice):
    bookmark = alice.add(tags=["Python", "python", " WEB ", "flask", "Web"])
    assert bookmark["tags"] == ["python", "web", "flask"]


def test_five_tags_are_allowed(alice):
    assert alice.add(tags=["a", "b", "c", "d", "e"])["tags"] == ["a", "b", "c", "d", "e"]


def test_duplicates_do_not_count_towards_the_tag_limit(alice):
    assert alice.add(tags=["a", "b", "c", "d", "e", "A"])["tags"] == ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize("tags", [["a", "b", "c", "d", "e", "f"], ["ok", ""], "python", [1]])
def test_invalid_tags_are_rejected(alice, tags):
    response = alice.post("/api/bookmarks", json={"url": "https://example.com", "title": "t", "tags": tags})
    assert response.status_code == 400


def test_body_must_be_json(alice):
    assert alice.post("/api/bookmarks", data="url=https://example.com").status_code == 400


def test_filter_by_tag(alice):
    alice.add(title="one", tags=["python"])
    alice.add(title="two", tags=["rust"])
    alice.add(title="three", tags=["web", "Python"])
    listing = alice.get("/api/bookmarks?tag=PYTHON").get_json()
    assert [b["title"] for b in listing["items"]] == ["three", "one"]
    assert listing["total"] == 2


def test_list_is_newest_first_and_paginated(alice):
    for n in range(1, 8):
        alice.add(title=f"b{n}")
    first = alice.get("/api/bookmarks")
    body = first.get_json()
    assert [b["title"] for b in body["items"]] == ["b7", "b6", "b5"]
    assert body["total"] == 7
    assert body["next"] == "http://localhost/api/bookmarks?page=2&per_page=3"
    assert first.headers["Link"] == '<http://localhost/api/bookmarks?page=2&per_page=3>; rel="next"'
    second = alice.get("/api/bookmarks?page=2").get_json()
    assert [b["title"] for b in second["items"]] == ["b4", "b3", "b2"]
    last = alice.get("/api/bookmarks?page=3")
    assert [b["title"] for b in last.get_json()["items"]] == ["b1"]
    assert last.get_json()["next"] is None
    assert "Link" not in last.headers


def test_no_next_page_when_last_page_is_full(alice):
    for n in range(1, 7):
        alice.add(title=f"b{n}")
    second = alice.get("/api/bookmarks?page=2")
    assert [b["title"] for b in second.get_json()["items"]] == ["b3", "b2", "b1"]
    assert second.get_json()["next"] is None
    assert "Link" not in second.headers


def test_next_link_keeps_tag_and_per_page(alice):
    for n in range(3):
        alice.add(title=f"t{n}", tags=["x"])
    body = alice.get("/api/bookmarks?tag=x&per_page=2").get_json()
    assert body["next"] == "http://localhost/api/bookmarks?page=2&per_page=2&tag=x"


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=0", "per_page=101"])
def test_bad_pagination_arguments_are_400(alice, query):
    assert alice.get(f"/api/bookmarks?{query}").status_code == 400


def test_private_bookmarks_are_only_listed_for_their_owner(alice, bob):
    alice.add(title="public")
    alice.add(title="secret", private=True)
    bob.add(title="bob's")
    assert [b["title"] for b in alice.get("/api/bookmarks").get_json()["items"]] == ["bob's", "secret", "public"]
    bob_view = bob.get("/api/bookmarks").get_json()
    assert [b["title"] for b in bob_view["items"]] == ["bob's", "public"]
    assert bob_view["total"] == 2


def test_private_bookmark_of_another_user_is_404(alice, bob):
    secret = alice.add(title="secret", private=True)
    assert alice.get(f"/api/bookmarks/{secret['id']}").status_code == 200
    assert bob.get(f"/api/bookmarks/{secret['id']}").status_code == 404
    assert bob.patch(f"/api/bookmarks/{secret['id']}", json={"title": "mine"}).status_code == 404
    assert bob.delete(f"/api/bookmarks/{secret['id']}").status_code == 404


def test_missing_bookmark_is_404(alice):
    assert alice.get("/api/bookmarks/999").status_code == 404
    assert alice.patch("/api/bookmarks/999", json={"title": "x"}).status_code == 404
    assert alice.delete("/api/bookmarks/999").status_code == 404


def test_patch_changes_only_given_fields(alice):
    bookmark = alice.add(url="https://example.com/a", title="A", tags=["one"], private=True)
    response = alice.patch(f"/api/bookmarks/{bookmark['id']}", json={"title": "Renamed"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["title"] == "Renamed"
    assert body["url"] == "https://example.com/a"
    assert body["tags"] == ["one"]
    assert body["private"] is True


def test_patch_replaces_tags_and_visibility(alice, bob):
    bookmark = alice.add(tags=["one"], private=True)
    body = alice.patch(f"/api/bookmarks/{bookmark['id']}", json={"tags": ["Two", "two"], "private": False}).get_json()
    assert body["tags"] == ["two"]
    assert body["private"] is False
    assert bob.get(f"/api/bookmarks/{bookmark['id']}").status_code == 200


def test_patch_validates(alice):
    bookmark = alice.add()
    assert alice.patch(f"/api/bookmarks/{bookmark['id']}", json={"url": "mailto:a@b.c"}).status_code == 400
    assert alice.patch(f"/api/bookmarks/{bookmark['id']}", json={"private": "yes"}).status_code == 400
    assert alice.get(f"/api/bookmarks/{bookmark['id']}").get_json()["url"] == "https://example.com/"


def test_only_the_owner_may_change_a_public_bookmark(alice, bob):
    bookmark = alice.add(title="mine")
    assert bob.get(f"/api/bookmarks/{bookmark['id']}").status_code == 200
    assert bob.patch(f"/api/bookmarks/{bookmark['id']}", json={"title": "bob's now"}).status_code == 403
    assert bob.delete(f"/api/bookmarks/{bookmark['id']}").status_code == 403
    assert alice.get(f"/api/bookmarks/{bookmark['id']}").get_json()["title"] == "mine"


def test_delete(alice, app):
    bookmark = alice.add(tags=["gone"])
    response = alice.delete(f"/api/bookmarks/{bookmark['id']}")
    assert response.status_code == 204
    assert response.data == b""
    assert alice.get(f"/api/bookmarks/{bookmark['id']}").status_code == 404
    conn = sqlite3.connect(app.config["DATABASE"])
    assert conn.execute("SELECT COUNT(*) FROM bookmark").fetchone()[0] == 0
    conn.close()
