import pytest
from conftest import ALICE, BOB, LIBRARIAN


def test_borrow_sets_due_date_fourteen_days_out(borrow):
    response = borrow(1)
    assert response.status_code == 201
    loan = response.get_json()
    assert loan["member_id"] == 2
    assert loan["borrowed_on"] == "2026-03-02"
    assert loan["due_on"] == "2026-03-16"
    assert loan["renewals"] == 0
    assert loan["returned_on"] is None
    assert loan["overdue"] is False


def test_borrow_with_query_key(client):
    response = client.post("/loans?api_key=bob-key", json={"book_id": 2})
    assert response.status_code == 201
    assert response.get_json()["member_id"] == 3


def test_borrow_unknown_book(borrow):
    assert borrow(99).status_code == 404


def test_borrow_requires_book_id(client):
    assert client.post("/loans", json={}, headers=ALICE).status_code == 400


def test_no_copy_available(borrow):
    assert borrow(2).status_code == 201
    response = borrow(2, headers=BOB)
    assert response.status_code == 409


def test_at_most_three_open_loans(borrow):
    for book_id in (1, 2, 3):
        assert borrow(book_id).status_code == 201
    response = borrow(4)
    assert response.status_code == 409
    # other members are not affected
    assert borrow(4, headers=BOB).status_code == 201


def test_returned_loans_do_not_count_towards_the_limit(client, borrow):
    ids = [borrow(book_id).get_json()["id"] for book_id in (1, 2, 3)]
    assert client.post(f"/loans/{ids[0]}/return", headers=LIBRARIAN).status_code == 200
    assert borrow(4).status_code == 201


def test_returned_copy_is_available_again(client, borrow):
    loan_id = borrow(2).get_json()["id"]
    client.post(f"/loans/{loan_id}/return", headers=LIBRARIAN)
    assert client.get("/books/2", headers=BOB).get_json()["available"] == 1
    assert borrow(2, headers=BOB).status_code == 201


def test_member_cannot_borrow_for_someone_else(borrow):
    assert borrow(1, member_id=3).status_code == 403


def test_librarian_borrows_for_a_member(borrow):
    response = borrow(1, headers=LIBRARIAN, member_id=3)
    assert response.status_code == 201
    assert response.get_json()["member_id"] == 3


def test_librarian_borrows_for_unknown_member(borrow):
    assert borrow(1, headers=LIBRARIAN, member_id=77).status_code == 404


def test_members_see_only_their_own_loans(client, borrow):
    alice_loan = borrow(1).get_json()["id"]
    bob_loan = borrow(2, headers=BOB).get_json()["id"]

    assert [l["id"] for l in client.get("/loans", headers=ALICE).get_json()] == [alice_loan]
    assert [l["id"] for l in client.get("/loans", headers=BOB).get_json()] == [bob_loan]
    assert client.get(f"/loans/{bob_loan}", headers=ALICE).status_code == 404
    assert client.get(f"/loans/{alice_loan}", headers=ALICE).status_code == 200
    assert client.post(f"/loans/{bob_loan}/renew", headers=ALICE).status_code == 404


def test_librarian_sees_all_loans_and_filters_by_member(client, borrow):
    borrow(1)
    borrow(2, headers=BOB)
    assert len(client.get("/loans", headers=LIBRARIAN).get_json()) == 2
    only_bob = client.get("/loans?member_id=3", headers=LIBRARIAN).get_json()
    assert [l["member_id"] for l in only_bob] == [3]


def test_loan_not_found(client):
    assert client.get("/loans/5", headers=LIBRARIAN).status_code == 404


def test_status_filter(client, borrow, clock):
    first = borrow(1).get_json()["id"]
    clock.advance(10)
    second = borrow(2).get_json()["id"]
    client.post(f"/loans/{first}/return", headers=LIBRARIAN)
    clock.advance(2)
    third = borrow(3).get_json()["id"]
    clock.advance(12)  # the second loan is due today: not overdue yet

    def ids(status):
        return [l["id"] for l in client.get(f"/loans?status={status}", headers=ALICE).get_json()]

    assert ids("returned") == [first]
    assert ids("open") == [second, third]
    assert ids("overdue") == []
    clock.advance(1)
    assert ids("overdue") == [second]
    assert client.get("/loans?status=lost", headers=ALICE).status_code == 400


def test_overdue_flag(client, borrow, clock):
    loan_id = borrow(1).get_json()["id"]
    clock.advance(14)
    assert client.get(f"/loans/{loan_id}", headers=ALICE).get_json()["overdue"] is False
    clock.advance(1)
    assert client.get(f"/loans/{loan_id}", headers=ALICE).get_json()["overdue"] is True
