def test_librarian_adds_a_book_and_copies(client, lena):
    response = client.post(
        "/api/books",
        json={"title": "Emma", "author": "Jane Austen", "isbn": "978-1", "replacement_price": "9.5"},
        headers=lena,
    )
    assert response.status_code == 201
    book = response.get_json()
    assert book["replacement_price"] == "9.50"
    assert book["copies"] == 0 and book["available"] == 0
    response = client.post(f"/api/books/{book['id']}/copies", json={"barcode": "E-1"}, headers=lena)
    assert response.status_code == 201
    assert client.get(f"/api/books/{book['id']}", headers=lena).get_json()["available"] == 1


def test_member_cannot_add_books(client, max_):
    response = client.post(
        "/api/books",
        json={"title": "Emma", "author": "Jane Austen", "isbn": "978-1", "replacement_price": "9.50"},
        headers=max_,
    )
    assert response.status_code == 403


def test_member_cannot_add_copies(client, add_book, max_):
    book = add_book(copies=0)
    response = client.post(f"/api/books/{book['id']}/copies", json={"barcode": "X-1"}, headers=max_)
    assert response.status_code == 403
    assert client.get(f"/api/books/{book['id']}", headers=max_).get_json()["copies"] == 0


def test_book_validation(client, lena):
    base = {"title": "Emma", "author": "Jane Austen", "isbn": "978-1", "replacement_price": "9.50"}
    assert client.post("/api/books", json={**base, "title": " "}, headers=lena).status_code == 400
    assert client.post("/api/books", json={**base, "replacement_price": "0"}, headers=lena).status_code == 400
    assert client.post("/api/books", json={**base, "replacement_price": "abc"}, headers=lena).status_code == 400
    assert client.post("/api/books", json=base, headers=lena).status_code == 201
    assert client.post("/api/books", json=base, headers=lena).status_code == 409


def test_duplicate_barcode_is_refused(client, add_book, lena):
    book = add_book(copies=0)
    assert client.post(f"/api/books/{book['id']}/copies", json={"barcode": "Z"}, headers=lena).status_code == 201
    assert client.post(f"/api/books/{book['id']}/copies", json={"barcode": "Z"}, headers=lena).status_code == 409


def test_copies_of_an_unknown_book(client, lena):
    assert client.post("/api/books/99/copies", json={"barcode": "Z"}, headers=lena).status_code == 404


def test_list_books_shows_availability(client, add_book, borrow, max_):
    book = add_book(title="Dune", copies=2)
    add_book(title="Anathem", copies=1)
    borrow(max_, book["id"])
    books = client.get("/api/books", headers=max_).get_json()
    assert [b["title"] for b in books] == ["Anathem", "Dune"]
    assert books[1]["copies"] == 2 and books[1]["available"] == 1
