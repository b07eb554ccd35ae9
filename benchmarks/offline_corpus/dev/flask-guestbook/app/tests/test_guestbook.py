import re

import pytest

from guestbook import create_app
from tests.conftest import ADMIN, basic, sign


def names(html):
    return re.findall(r"<h2>(.*?)</h2>", html.decode())


def test_sign_redirects_with_a_thank_you(client):
    response = sign(client)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    page = client.get("/").data
    assert b"Thanks for signing our guestbook!" in page
    assert names(page) == ["Ada"]
    assert b"5/5" in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "message": "hi", "rating": "3"}, b"Please tell us your name."),
        ({"name": "Bo", "message": "  ", "rating": "3"}, b"Please write a message."),
        ({"name": "Bo", "message": "x" * 501, "rating": "3"}, b"Messages are limited to 500 characters."),
        ({"name": "Bo", "message": "hi", "rating": "0"}, b"Pick a rating from 1 to 5."),
        ({"name": "Bo", "message": "hi", "rating": "6"}, b"Pick a rating from 1 to 5."),
        ({"name": "Bo", "message": "hi"}, b"Pick a rating from 1 to 5."),
    ],
)
def test_invalid_entries_are_refused(client, data, error):
    response = client.post("/sign", data=data)
    assert response.status_code == 400
    assert error in response.data
    assert b"0 entries" in client.get("/").data


def test_form_keeps_what_was_typed(client):
    response = client.post("/sign", data={"name": "Bo", "message": "", "rating": "3"})
    assert b'value="Bo"' in response.data


@pytest.mark.parametrize("rating", ["1", "5"])
def test_rating_bounds(client, rating):
    assert sign(client, rating=rating).status_code == 303


def test_longest_message(client):
    assert sign(client, message="x" * 500).status_code == 303


def test_pages_newest_first(client):
    for n in range(1, 8):
        sign(client, name=f"guest{n}")
    first = client.get("/").data
    assert names(first) == ["guest7", "guest6", "guest5", "guest4", "guest3"]
    assert b'rel="next" href="/?page=2"' in first
    assert b'rel="prev"' not in first
    second = client.get("/?page=2").data
    assert names(second) == ["guest2", "guest1"]
    assert b'rel="next"' not in second
    assert b"7 entries" in second


def test_exactly_one_full_page_has_no_next_link(client):
    for n in range(5):
        sign(client, name=f"g{n}")
    assert b'rel="next"' not in client.get("/").data


def test_page_zero(client):
    assert client.get("/?page=0").status_code == 404


@pytest.mark.parametrize(
    "headers", [{}, basic("admin", "wrong"), basic("root", "s3cret-staff")]
)
def test_admin_needs_the_staff_password(client, headers):
    response = client.get("/admin", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="guestbook"'


def test_admin_disabled_without_password(tmp_path):
    client = create_app(DATABASE=str(tmp_path / "x.sqlite3"), ADMIN_PASSWORD=None).test_client()
    assert client.get("/admin", headers=basic("admin", "")).status_code == 401


def test_admin_hides_an_entry(client):
    sign(client, name="Spammer", message="buy now")
    sign(client, name="Grace")
    assert names(client.get("/admin", headers=ADMIN).data) == ["Grace", "Spammer"]
    response = client.post("/admin/entries/1/hide", headers=ADMIN)
    assert response.status_code == 303
    page = client.get("/").data
    assert names(page) == ["Grace"]
    assert b"1 entries" in page


def test_hide_needs_admin(client):
    sign(client)
    assert client.post("/admin/entries/1/hide").status_code == 401
    assert names(client.get("/").data) == ["Ada"]


def test_hide_missing_entry(client):
    assert client.post("/admin/entries/42/hide", headers=ADMIN).status_code == 404
