import pytest

from .conftest import transfer


@pytest.fixture
def history(client, alice, bob, open_account):
    """Five transfers touching alice (three out, two in) and one between others."""
    carol = open_account("carol", "50.00")
    made = [
        transfer(client, alice, bob, "1.00"),
        transfer(client, bob, alice, "2.00"),
        transfer(client, alice, carol, "3.00"),
        transfer(client, bob, carol, "4.00"),
        transfer(client, carol, alice, "5.00"),
        transfer(client, alice, bob, "6.00"),
    ]
    assert all(response.status_code == 201 for response in made)
    ids = [response.json()["id"] for response in made]
    return [ids[5], ids[4], ids[2], ids[1], ids[0]]  # alice's, newest first


def page(client, account, **params):
    response = client.get(f"/accounts/{account['id']}/transfers", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_history_lists_incoming_and_outgoing_newest_first(client, alice, history):
    body = page(client, alice)
    assert [t["id"] for t in body["items"]] == history
    assert body["next_cursor"] is None


def test_history_pages_with_a_cursor(client, alice, history):
    first = page(client, alice, limit=2)
    assert [t["id"] for t in first["items"]] == history[:2]
    assert first["next_cursor"] == history[1]

    second = page(client, alice, limit=2, cursor=first["next_cursor"])
    assert [t["id"] for t in second["items"]] == history[2:4]

    third = page(client, alice, limit=2, cursor=second["next_cursor"])
    assert [t["id"] for t in third["items"]] == history[4:]
    assert third["next_cursor"] is None


def test_last_full_page_has_no_cursor(client, alice, history):
    body = page(client, alice, limit=5)
    assert len(body["items"]) == 5
    assert body["next_cursor"] is None


def test_history_of_an_account_without_transfers(client, open_account):
    assert page(client, open_account("dave")) == {"items": [], "next_cursor": None}


def test_history_limit_bounds(client, alice):
    url = f"/accounts/{alice['id']}/transfers"
    assert client.get(url, params={"limit": 0}).status_code == 422
    assert client.get(url, params={"limit": 100}).status_code == 200
    assert client.get(url, params={"limit": 101}).status_code == 422


def test_history_of_unknown_account_is_404(client):
    assert client.get("/accounts/999/transfers").status_code == 404
