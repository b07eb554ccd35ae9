import pytest


def test_create_book(client):
    response = client.post("/books", json={"title": "Emma", "author": "Jane Austen", "year": 1815})
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Emma"
    assert body["available"] is True
    assert body["borrower"] is None
    assert client.get(f"/books/{body['id']}").json() == body


@pytest.mark.parametrize(
    "payload",
    [
        {"title": "", "author": "A", "year": 2000},
        {"title": "T", "author": "", "year": 2000},
        {"title": "T", "author": "A", "year": 1449},
        {"title": "T", "author": "A", "year": 2101},
        {"title": "T", "author": "A"},
    ],
)
def test_create_book_rejects_invalid_payload(client, payload):
    assert client.post("/books", json=payload).status_code == 422
    assert client.get("/books").json()["total"] == 0


def test_first_printed_year_is_accepted(client):
    assert client.post("/books", json={"title": "Bible", "author": "Gutenberg", "year": 1450}).status_code == 201


def test_read_missing_book_is_404(client):
    response = client.get("/books/999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Book not found"}


def test_update_book_persists(client, book):
    response = client.patch(f"/books/{book['id']}", json={"title": "Dune Messiah", "year": 1969})
    assert response.status_code == 200
    assert response.json()["title"] == "Dune Messiah"
    stored = client.get(f"/books/{book['id']}").json()
    assert stored["title"] == "Dune Messiah"
    assert stored["year"] == 1969
    assert stored["author"] == "Frank Herbert"


def test_update_rejects_invalid_year(client, book):
    assert client.patch(f"/books/{book['id']}", json={"year": 1000}).status_code == 422
    assert client.get(f"/books/{book['id']}").json()["year"] == 1965


def test_delete_book(client, book):
    response = client.delete(f"/books/{book['id']}")
    assert response.status_code == 204
    assert client.get(f"/books/{book['id']}").status_code == 404
    assert client.delete(f"/books/{book['id']}").status_code == 404


def test_cannot_delete_book_on_loan(client, book):
    client.post(f"/books/{book['id']}/checkout", json={"borrower": "ann"})
    assert client.delete(f"/books/{book['id']}").status_code == 409
    assert client.get(f"/books/{book['id']}").status_code == 200
