import pytest
from conftest import ALICE, LIBRARIAN


def test_missing_key_is_401(client):
    response = client.get("/books")
    assert response.status_code == 401


def test_unknown_key_is_401(client):
    assert client.get("/books", headers={"X-Api-Key": "nope"}).status_code == 401
    assert client.get("/books?api_key=nope").status_code == 401


def test_key_in_header(client):
    assert client.get("/books", headers=ALICE).status_code == 200


def test_key_in_query_string(client):
    assert client.get("/books?api_key=alice-key").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", "/members"), ("post", "/members"), ("post", "/books"), ("post", "/loans/1/return")],
)
def test_librarian_only_endpoints_refuse_members(client, method, path):
    response = getattr(client, method)(path, json={}, headers=ALICE)
    assert response.status_code == 403


def test_librarian_lists_members(client):
    response = client.get("/members", headers=LIBRARIAN)
    assert response.status_code == 200
    emails = [m["email"] for m in response.get_json()]
    assert emails == ["lena@library.test", "alice@example.test", "bob@example.test"]
    assert "api_key" not in response.get_json()[0]
