"""The loan rules through the HTTP API, each test on its own SQLite file; what landed is read back with sqlite3."""

import sqlite3

import pytest

from lending.app import create_app


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "lending.db"


@pytest.fixture
def client(db_path):
    return create_app(f"sqlite:///{db_path}").test_client()


def member(client, name="Ada"):
    return client.post("/members", json={"name": name}).get_json()["id"]


def book(client, copies=1, title="Dune"):
    return client.post("/books", json={"title": title, "copies": copies}).get_json()["id"]


def borrow(client, member_id, book_id):
    return client.post("/loans", json={"member_id": member_id, "book_id": book_id})


def rows(db_path, sql):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


def test_borrowing_creates_an_open_loan_in_the_database(client, db_path):
    ada, dune = member(client), book(client)
    response = borrow(client, ada, dune)
    assert response.status_code == 201
    loan = response.get_json()
    assert (loan["member_id"], loan["book_id"]) == (ada, dune)
    assert rows(db_path, "SELECT member_id, book_id, returned_at FROM loans") == [(ada, dune, None)]
    assert client.get(f"/members/{ada}/loans").get_json() == [{"id": loan["id"], "book_id": dune}]


def test_the_last_free_copy_can_be_borrowed_then_none_is_left(client, db_path):
    dune = book(client, copies=2)
    assert borrow(client, member(client, "a"), dune).status_code == 201
    assert borrow(client, member(client, "b"), dune).status_code == 201
    refused = borrow(client, member(client, "c"), dune)
    assert refused.status_code == 409
    assert rows(db_path, "SELECT count(*) FROM loans") == [(2,)]


def test_a_member_may_hold_exactly_max_loans(client, db_path):
    ada = member(client)
    for n in range(3):
        assert borrow(client, ada, book(client, title=f"b{n}")).status_code == 201
    assert borrow(client, ada, book(client, title="one too many")).status_code == 409
    assert rows(db_path, f"SELECT count(*) FROM loans WHERE member_id = {ada}") == [(3,)]


def test_returning_frees_the_copy_and_the_members_slot(client, db_path):
    ada, bob, dune = member(client, "ada"), member(client, "bob"), book(client)
    loan_id = borrow(client, ada, dune).get_json()["id"]
    assert borrow(client, bob, dune).status_code == 409
    returned = client.post(f"/loans/{loan_id}/return")
    assert returned.status_code == 200
    assert rows(db_path, f"SELECT returned_at IS NOT NULL FROM loans WHERE id = {loan_id}") == [(1,)]
    assert client.get(f"/members/{ada}/loans").get_json() == []
    assert borrow(client, bob, dune).status_code == 201


def test_returning_twice_is_a_conflict(client):
    loan_id = borrow(client, member(client), book(client)).get_json()["id"]
    assert client.post(f"/loans/{loan_id}/return").status_code == 200
    assert client.post(f"/loans/{loan_id}/return").status_code == 409


@pytest.mark.parametrize("body", [
    {}, {"member_id": 1}, {"book_id": 1}, {"member_id": "1", "book_id": 1}, {"member_id": 1, "book_id": 0},
    {"member_id": True, "book_id": 1}, [1, 1],
])
def test_bad_loan_bodies_are_400_and_write_nothing(client, db_path, body):
    member(client), book(client)
    assert client.post("/loans", json=body).status_code == 400
    assert rows(db_path, "SELECT count(*) FROM loans") == [(0,)]


def test_unknown_member_book_or_loan_is_404(client, db_path):
    ada, dune = member(client), book(client)
    assert borrow(client, ada, dune + 99).status_code == 404
    assert borrow(client, ada + 99, dune).status_code == 404
    assert client.post("/loans/999/return").status_code == 404
    assert client.get(f"/members/{ada + 99}/loans").status_code == 404
    assert rows(db_path, "SELECT count(*) FROM loans") == [(0,)]
