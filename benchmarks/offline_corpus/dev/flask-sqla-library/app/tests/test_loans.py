from datetime import datetime


def test_borrow_a_copy_due_in_fourteen_days(client, add_book, max_):
    book = add_book(copies=1)
    response = client.post("/api/loans", json={"book_id": book["id"]}, headers=max_)
    assert response.status_code == 201
    loan = response.get_json()
    assert loan["borrowed_at"] == "2026-03-02T10:00:00"
    assert loan["due_at"] == "2026-03-16T10:00:00"
    assert loan["renewals"] == 0 and loan["fine"] == "0.00" and loan["returned_at"] is None
    assert client.get(f"/api/books/{book['id']}", headers=max_).get_json()["available"] == 0


def test_borrow_when_no_copy_is_available(client, add_book, borrow, max_, nora):
    book = add_book(copies=1)
    borrow(max_, book["id"])
    response = client.post("/api/loans", json={"book_id": book["id"]}, headers=nora)
    assert response.status_code == 409


def test_book_without_copies_cannot_be_borrowed(client, add_book, max_):
    book = add_book(copies=0)
    assert client.post("/api/loans", json={"book_id": book["id"]}, headers=max_).status_code == 409


def test_borrow_unknown_book_or_bad_body(client, max_):
    assert client.post("/api/loans", json={"book_id": 42}, headers=max_).status_code == 404
    assert client.post("/api/loans", json={"book_id": "1"}, headers=max_).status_code == 400


def test_returned_copy_can_be_borrowed_again(client, add_book, borrow, max_, nora):
    book = add_book(copies=1)
    loan = borrow(max_, book["id"])
    assert client.post(f"/api/loans/{loan['id']}/return", headers=max_).status_code == 200
    again = borrow(nora, book["id"])
    assert again["copy_id"] == loan["copy_id"]


def test_second_copy_is_lent_when_first_is_out(client, add_book, borrow, max_, nora):
    book = add_book(copies=2)
    first = borrow(max_, book["id"])
    second = borrow(nora, book["id"])
    assert first["copy_id"] != second["copy_id"]


def test_at_most_three_open_loans(client, add_book, borrow, max_):
    books = [add_book(title=f"Book {i}") for i in range(4)]
    for book in books[:3]:
        borrow(max_, book["id"])
    response = client.post("/api/loans", json={"book_id": books[3]["id"]}, headers=max_)
    assert response.status_code == 409
    assert client.get(f"/api/books/{books[3]['id']}", headers=max_).get_json()["available"] == 1


def test_returned_loans_do_not_count_towards_the_limit(client, add_book, borrow, max_):
    books = [add_book(title=f"Book {i}") for i in range(4)]
    loans = [borrow(max_, book["id"]) for book in books[:3]]
    client.post(f"/api/loans/{loans[0]['id']}/return", headers=max_)
    borrow(max_, books[3]["id"])


def test_members_see_only_their_own_loans(client, add_book, borrow, max_, nora):
    mine = borrow(max_, add_book(title="A")["id"])
    theirs = borrow(nora, add_book(title="B")["id"])
    listed = client.get("/api/loans", headers=max_).get_json()
    assert [loan["id"] for loan in listed] == [mine["id"]]
    assert client.get(f"/api/loans/{mine['id']}", headers=max_).status_code == 200
    assert client.get(f"/api/loans/{theirs['id']}", headers=max_).status_code == 404
    assert client.post(f"/api/loans/{theirs['id']}/renew", headers=max_).status_code == 404
    assert client.post(f"/api/loans/{theirs['id']}/return", headers=max_).status_code == 404


def test_librarian_sees_any_loan(client, add_book, borrow, max_, lena):
    loan = borrow(max_, add_book()["id"])
    assert client.get(f"/api/loans/{loan['id']}", headers=lena).status_code == 200


def test_open_filter(client, add_book, borrow, max_):
    first = borrow(max_, add_book(title="A")["id"])
    second = borrow(max_, add_book(title="B")["id"])
    client.post(f"/api/loans/{first['id']}/return", headers=max_)
    listed = client.get("/api/loans?open=1", headers=max_).get_json()
    assert [loan["id"] for loan in listed] == [second["id"]]


def test_renew_extends_from_the_due_date(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    clock.advance(days=5)
    response = client.post(f"/api/loans/{loan['id']}/renew", headers=max_)
    assert response.status_code == 200
    assert response.get_json()["due_at"] == "2026-03-30T10:00:00"
    assert response.get_json()["renewals"] == 1


def test_renew_at_most_twice(client, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    assert client.post(f"/api/loans/{loan['id']}/renew", headers=max_).status_code == 200
    assert client.post(f"/api/loans/{loan['id']}/renew", headers=max_).status_code == 200
    response = client.post(f"/api/loans/{loan['id']}/renew", headers=max_)
    assert response.status_code == 409
    current = client.get(f"/api/loans/{loan['id']}", headers=max_).get_json()
    assert current["renewals"] == 2
    assert current["due_at"] == "2026-04-13T10:00:00"


def test_overdue_loan_cannot_be_renewed(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    clock.advance(days=14, minutes=1)
    response = client.post(f"/api/loans/{loan['id']}/renew", headers=max_)
    assert response.status_code == 409
    assert client.get(f"/api/loans/{loan['id']}", headers=max_).get_json()["overdue"] is True


def test_renew_on_the_due_moment_is_allowed(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    clock.advance(days=14)
    assert client.post(f"/api/loans/{loan['id']}/renew", headers=max_).status_code == 200


def test_returned_loan_cannot_be_renewed_or_returned_again(client, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    assert client.post(f"/api/loans/{loan['id']}/return", headers=max_).status_code == 200
    assert client.post(f"/api/loans/{loan['id']}/renew", headers=max_).status_code == 409
    assert client.post(f"/api/loans/{loan['id']}/return", headers=max_).status_code == 409


def test_return_on_time_has_no_fine(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book()["id"])
    clock.advance(days=14, hours=8)  # later the same day it was due
    returned = client.post(f"/api/loans/{loan['id']}/return", headers=max_).get_json()
    assert returned["fine"] == "0.00"
    assert returned["returned_at"] == datetime(2026, 3, 16, 18, 0).isoformat()


def test_late_return_is_fined_per_day(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book(price="20.00")["id"])
    clock.advance(days=17)
    returned = client.post(f"/api/loans/{loan['id']}/return", headers=max_).get_json()
    assert returned["fine"] == "1.50"


def test_fine_is_capped_at_the_replacement_price(client, clock, add_book, borrow, max_):
    loan = borrow(max_, add_book(price="4.99")["id"])
    clock.advance(days=14 + 30)
    returned = client.post(f"/api/loans/{loan['id']}/return", headers=max_).get_json()
    assert returned["fine"] == "4.99"
