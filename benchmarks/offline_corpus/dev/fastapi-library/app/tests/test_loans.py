def test_checkout_and_return(client, book):
    response = client.post(f"/books/{book['id']}/checkout", json={"borrower": "ann"})
    assert response.status_code == 200
    assert response.json()["available"] is False
    assert response.json()["borrower"] == "ann"
    assert client.get(f"/books/{book['id']}").json()["available"] is False

    response = client.post(f"/books/{book['id']}/return")
    assert response.status_code == 200
    stored = client.get(f"/books/{book['id']}").json()
    assert stored["available"] is True
    assert stored["borrower"] is None


def test_cannot_checkout_twice(client, book):
    client.post(f"/books/{book['id']}/checkout", json={"borrower": "ann"})
    response = client.post(f"/books/{book['id']}/checkout", json={"borrower": "bob"})
    assert response.status_code == 409
    assert client.get(f"/books/{book['id']}").json()["borrower"] == "ann"


def test_cannot_return_a_book_on_the_shelf(client, book):
    assert client.post(f"/books/{book['id']}/return").status_code == 409


def test_checkout_needs_a_borrower(client, book):
    assert client.post(f"/books/{book['id']}/checkout", json={"borrower": ""}).status_code == 422
    assert client.get(f"/books/{book['id']}").json()["available"] is True


def test_checkout_missing_book(client):
    assert client.post("/books/42/checkout", json={"borrower": "ann"}).status_code == 404
