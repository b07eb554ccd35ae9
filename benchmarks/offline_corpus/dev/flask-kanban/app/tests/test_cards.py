import re

import pytest

from tests.conftest import query, submit


def columns(html):
    """Card titles per column, as the board page shows them."""
    return {
        name: re.findall(r"<h3>(.*?)</h3>", body)
        for name, body in re.findall(r'<div class="column" id="column-(\w+)">(.*?)</div>', html, re.S)
    }


def board(client, board_id=1):
    return columns(client.get(f"/boards/{board_id}").get_data(as_text=True))


def move(client, card_id, column, board_id=1, page=None):
    url = f"/boards/{board_id}/cards/{card_id}/move"
    return submit(client, url, {"column": column}, page=page or f"/boards/{board_id}")


def add(client, title, board_id=1):
    return submit(client, f"/boards/{board_id}/cards", {"title": title}, page=f"/boards/{board_id}")


@pytest.fixture
def alice(auth):
    auth.login()


def test_board_shows_cards_by_column(client, alice):
    assert board(client) == {"todo": ["Write docs"], "doing": ["Fix login"], "done": ["Ship beta"]}


def test_add_card_goes_to_todo(client, alice):
    response = add(client, "  Plan sprint ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/boards/1"
    assert board(client)["todo"] == ["Write docs", "Plan sprint"]


@pytest.mark.parametrize(
    ("title", "message"),
    [("", "Card title is required."), ("   ", "Card title is required."),
     ("x" * 121, "Card titles are limited to 120 characters.")],
)
def test_add_card_validation(client, app, alice, title, message):
    add(client, title)
    assert message in client.get("/boards/1").get_data(as_text=True)
    assert query(app, "SELECT COUNT(*) FROM card")[0][0] == 4


def test_longest_title(client, alice):
    add(client, "y" * 120)
    assert board(client)["todo"][-1] == "y" * 120


def test_move_card(client, app, alice):
    response = move(client, 1, "doing")
    assert response.status_code == 302
    assert response.headers["Location"] == "/boards/1"
    assert board(client) == {"todo": [], "doing": ["Write docs", "Fix login"], "done": ["Ship beta"]}
    assert query(app, "SELECT column_name FROM card WHERE id = 1")[0][0] == "doing"


def test_move_into_a_full_column_is_refused(client, app, alice):
    add(client, "Second")
    move(client, 1, "doing")
    response = move(client, 5, "doing")
    assert response.headers["Location"] == "/boards/1"
    html = client.get("/boards/1").get_data(as_text=True)
    assert "The doing column is at its WIP limit." in html
    assert columns(html)["doing"] == ["Write docs", "Fix login"]
    assert query(app, "SELECT column_name FROM card WHERE id = 5")[0][0] == "todo"


def test_limit_counts_only_the_target_column(client, alice):
    for n in range(3):
        add(client, f"Idea {n}")
    submit(client, "/boards/1/limits", {"todo": "", "doing": "2", "done": "2"}, page="/boards/1")
    move(client, 1, "done")
    assert board(client)["done"] == ["Write docs", "Ship beta"]


def test_moving_out_frees_a_place(client, alice):
    add(client, "Second")
    move(client, 1, "doing")
    move(client, 2, "done")
    move(client, 5, "doing")
    assert board(client)["doing"] == ["Write docs", "Second"]


def test_move_within_a_full_column_is_a_no_op(client, alice):
    move(client, 1, "doing")
    response = move(client, 2, "doing")
    assert response.headers["Location"] == "/boards/1"
    assert "WIP limit" not in client.get("/boards/1").get_data(as_text=True)


def test_todo_limit_applies_to_new_cards(client, app, alice):
    submit(client, "/boards/1/limits", {"todo": "2", "doing": "2"}, page="/boards/1")
    add(client, "Fits")
    add(client, "Too many")
    assert "The todo column is at its WIP limit." in client.get("/boards/1").get_data(as_text=True)
    assert board(client)["todo"] == ["Write docs", "Fits"]


def test_unknown_column(client, app, alice):
    assert move(client, 1, "archive").status_code == 400
    assert query(app, "SELECT column_name FROM card WHERE id = 1")[0][0] == "todo"


def test_member_moves_cards(client, auth):
    auth.login("bob")
    move(client, 1, "done")
    assert board(client)["done"] == ["Write docs", "Ship beta"]


def test_card_of_another_board_is_not_found(client, app, alice):
    assert move(client, 4, "done").status_code == 404
    assert submit(client, "/boards/1/cards/4/delete", page="/boards/1").status_code == 404
    assert query(app, "SELECT column_name FROM card WHERE id = 4")[0][0] == "todo"


def test_non_member_cannot_touch_cards(client, app, auth):
    auth.login("carol")
    assert move(client, 1, "done", page="/").status_code == 403
    assert submit(client, "/boards/1/cards", {"title": "Spam"}).status_code == 403
    assert submit(client, "/boards/1/cards/1/delete").status_code == 403
    assert query(app, "SELECT column_name FROM card WHERE id = 1")[0][0] == "todo"
    assert query(app, "SELECT COUNT(*) FROM card WHERE board_id = 1")[0][0] == 3


def test_delete_card(client, app, alice):
    response = submit(client, "/boards/1/cards/3/delete", page="/boards/1")
    assert response.headers["Location"] == "/boards/1"
    assert board(client)["done"] == []
    assert query(app, "SELECT COUNT(*) FROM card WHERE id = 3")[0][0] == 0


def test_missing_card(client, alice):
    assert move(client, 99, "done").status_code == 404
