import pytest

from tests.conftest import new_paste


def test_new_paste_is_shown(alice, client):
    paste_id = new_paste(alice, "x = 1", title="config")
    page = client.get(f"/p/{paste_id}")
    assert page.status_code == 200
    assert b"config" in page.data
    assert b"by alice@example.com" in page.data
    raw = client.get(f"/p/{paste_id}/raw")
    assert raw.data == b"x = 1"
    assert raw.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_untitled_paste(alice):
    paste_id = new_paste(alice, title="  ")
    assert b"<h1>Untitled</h1>" in alice.get(f"/p/{paste_id}").data


def test_new_requires_signin(client):
    response = client.post("/new", data={"content": "x"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/signin?next=/new"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"content": "   "}, b"A paste needs some content."),
        ({"content": "x" * 101}, b"That paste is too large."),
        ({"content": "x", "title": "t" * 81}, b"Titles are at most 80 characters."),
    ],
)
def test_new_validation(alice, data, message):
    response = alice.post("/new", data=data)
    assert response.status_code == 400
    assert message in response.data
    assert b"Nothing here yet." in alice.get("/mine").data


def test_limits_are_inclusive(alice):
    new_paste(alice, "x" * 100, title="t" * 80)


def test_recent_lists_public_pastes_newest_first(alice, bob, client):
    new_paste(alice, title="first")
    new_paste(bob, title="second")
    new_paste(bob, title="hidden", private=True)
    data = client.get("/").data
    assert data.index(b"second") < data.index(b"first")
    assert b"hidden" not in data


def test_recent_shows_ten(alice, client):
    for n in range(12):
        new_paste(alice, title=f"paste-{n:02}")
    data = client.get("/").data
    assert b"paste-11" in data and b"paste-02" in data
    assert b"paste-01" not in data


def test_private_paste_is_only_for_its_owner(alice, bob, client):
    paste_id = new_paste(alice, "secret", private=True)
    assert alice.get(f"/p/{paste_id}").status_code == 200
    assert bob.get(f"/p/{paste_id}").status_code == 404
    assert client.get(f"/p/{paste_id}/raw").status_code == 404
    assert b"(private)" in alice.get("/mine").data


def test_mine_lists_only_my_pastes(alice, bob):
    new_paste(alice, title="alices")
    new_paste(bob, title="bobs")
    data = alice.get("/mine").data
    assert b"alices" in data
    assert b"bobs" not in data


def test_owner_deletes(alice, client):
    paste_id = new_paste(alice)
    response = alice.post(f"/p/{paste_id}/delete")
    assert response.headers["Location"] == "/mine"
    assert client.get(f"/p/{paste_id}").status_code == 404


def test_others_cannot_delete(alice, bob, client):
    paste_id = new_paste(alice)
    assert bob.post(f"/p/{paste_id}/delete").status_code == 403
    assert client.post(f"/p/{paste_id}/delete").status_code == 302
    assert client.get(f"/p/{paste_id}").status_code == 200


def test_missing_paste(client):
    assert client.get("/p/999").status_code == 404
