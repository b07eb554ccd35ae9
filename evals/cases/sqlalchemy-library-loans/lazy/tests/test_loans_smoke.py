from lending.app import create_app


def test_borrow(tmp_path):
    client = create_app(f"sqlite:///{tmp_path / 'x.db'}").test_client()
    client.post("/members", json={"name": "a"})
    client.post("/books", json={"title": "b"})
    response = client.post("/loans", json={"member_id": 1, "book_id": 1})
    assert response.status_code < 500
