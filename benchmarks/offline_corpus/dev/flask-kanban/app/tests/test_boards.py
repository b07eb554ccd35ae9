import re

import pytest

from tests.conftest import query, submit


def board_names(html):
    return re.findall(r'<li class="board"><a href="/boards/\d+">(.*?)</a>', html)


def flashes(html):
    return re.findall(r'<div class="flash[^"]*">(.*?)</div>', html)


def test_index_lists_my_boards(client, auth):
    auth.login("bob")
    html = client.get("/").get_data(as_text=True)
    assert board_names(html) == ["Launch"]
    assert "by alice" in html


def test_index_without_boards(client, app, auth):
    submit(client, "/auth/register", {"username": "dave", "password": "long-enough"})
    auth.login("dave", "long-enough")
    html = client.get("/").get_data(as_text=True)
    assert board_names(html) == []
    assert "No boards yet." in html


def test_create_board(client, auth, app):
    auth.login("bob")
    response = submit(client, "/boards", {"name": "  Roadmap  "}, page="/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/boards/3"
    html = client.get("/boards/3").get_data(as_text=True)
    assert "<h1>Roadmap</h1>" in html
    assert "Members: bob" in html
    assert "doing (0/3)" in html
    assert board_names(client.get("/").get_data(as_text=True)) == ["Launch", "Roadmap"]
    assert query(app, "SELECT owner_id FROM board WHERE id = 3")[0][0] == 2


def test_create_board_needs_a_name(client, auth, app):
    auth.login()
    response = submit(client, "/boards", {"name": "   "}, page="/")
    assert response.headers["Location"] == "/"
    assert "Board name is required." in flashes(client.get("/").get_data(as_text=True))
    assert query(app, "SELECT COUNT(*) FROM board")[0][0] == 2


@pytest.mark.parametrize("user", ["alice", "bob"])
def test_members_see_the_board(client, auth, user):
    auth.login(user)
    response = client.get("/boards/1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Members: alice, bob" in html
    assert "Write docs" in html
    assert "Secret plan" not in html


def test_non_members_are_forbidden(client, auth):
    auth.login("carol")
    assert client.get("/boards/1").status_code == 403
    assert board_names(client.get("/").get_data(as_text=True)) == ["Carol private"]


def test_missing_board(client, auth):
    auth.login()
    assert client.get("/boards/99").status_code == 404


def test_owner_adds_a_member(client, auth):
    auth.login()
    response = submit(client, "/boards/1/members", {"username": "carol"}, page="/boards/1")
    assert response.headers["Location"] == "/boards/1"
    assert "carol can now use this board." in flashes(client.get("/boards/1").get_data(as_text=True))
    auth.logout()
    auth.login("carol")
    assert client.get("/boards/1").status_code == 200


def test_add_unknown_member(client, auth):
    auth.login()
    submit(client, "/boards/1/members", {"username": "mallory"}, page="/boards/1")
    html = client.get("/boards/1").get_data(as_text=True)
    assert "No user named mallory." in flashes(html)
    assert "Members: alice, bob" in html


def test_only_the_owner_adds_members(client, auth, app):
    auth.login("bob")
    response = submit(client, "/boards/1/members", {"username": "carol"}, page="/boards/1")
    assert response.status_code == 403
    assert query(app, "SELECT COUNT(*) FROM member WHERE board_id = 1")[0][0] == 2


def test_non_member_cannot_add_themselves(client, auth, app):
    auth.login("carol")
    response = submit(client, "/boards/1/members", {"username": "carol"}, page="/")
    assert response.status_code == 403
    assert query(app, "SELECT COUNT(*) FROM member WHERE board_id = 1")[0][0] == 2


def test_owner_sets_limits(client, auth, app):
    auth.login()
    response = submit(client, "/boards/1/limits", {"todo": "5", "doing": "", "done": "10"}, page="/boards/1")
    assert response.headers["Location"] == "/boards/1"
    html = client.get("/boards/1").get_data(as_text=True)
    assert "WIP limits saved." in flashes(html)
    assert "todo (1/5)" in html
    assert "doing (1)" in html
    assert "done (1/10)" in html


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_invalid_limit_keeps_the_old_ones(client, auth, value):
    auth.login()
    submit(client, "/boards/1/limits", {"doing": value}, page="/boards/1")
    html = client.get("/boards/1").get_data(as_text=True)
    assert "The doing limit must be a whole number of at least 1, or empty for no limit." in flashes(html)
    assert "doing (1/2)" in html


def test_only_the_owner_sets_limits(client, auth):
    auth.login("bob")
    response = submit(client, "/boards/1/limits", {"doing": "9"}, page="/boards/1")
    assert response.status_code == 403
    assert "doing (1/2)" in client.get("/boards/1").get_data(as_text=True)
