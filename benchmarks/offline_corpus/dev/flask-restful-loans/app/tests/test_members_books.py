from conftest import ALICE, BOB, LIBRARIAN


def test_create_member_returns_key(client):
    response = client.post("/members", json={"name": "Cara", "email": "Cara@Example.test"}, headers=LIBRARIAN)
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "cara@example.test"
    assert body["role"] == "member"
    assert client.get("/books", headers={"X-Api-Key": body["api_key"]}).status_code == 200


def test_create_member_duplicate_email(client):
    response = client.post("/members", json={"name": "Alice 2", "email": "alice@example.test"}, headers=LIBRARIAN)
    assert response.status_code == 409


def test_create_member_validation(client):
    assert client.post("/members", json={"name": "x"}, headers=LIBRARIAN).status_code == 400
    response = client.post("/members", json={"name": "x", "email": "x@y.z", "role": "boss"}, headers=LIBRARIAN)
    assert response.status_code == 400


def test_member_sees_own_account_only(client):
    response = client.get("/members/2", headers=ALICE)
    assert response.status_code == 200
    assert response.get_json()["name"] == "Alice Reader"
    assert client.get("/members/3", headers=ALICE).status_code == 403
    assert client.get("/members/3", headers=BOB).status_code == 200


def test_member_not_found(client):
    assert client.get("/members/99", headers=LIBRARIAN).status_code == 404


def test_list_books_with_availability(client, borrow):
    borrow(1)
    books = {b["id"]: b for b in client.get("/books", headers=BOB).get_json()}
    assert books[1]["copies"] == 2
    assert books[1]["available"] == 1
    assert books[2]["available"] == 1


def test_create_book(client):
    payload = {"isbn": "9780143105428", "title": "Middlemarch", "author": "George Eliot", "copies": 3}
    response = client.post("/books", json=payload, headers=LIBRARIAN)
    assert response.status_code == 201
    assert response.get_json()["available"] == 3
    assert client.post("/books", json=payload, headers=LIBRARIAN).status_code == 409


def test_create_book_needs_a_copy(client):
    payload = {"isbn": "1", "title": "t", "author": "a", "copies": 0}
    assert client.post("/books", json=payload, headers=LIBRARIAN).status_code == 400


def test_book_not_found(client):
    assert client.get("/books/42", headers=ALICE).status_code == 404
