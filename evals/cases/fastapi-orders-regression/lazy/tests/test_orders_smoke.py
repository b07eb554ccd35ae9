from fastapi.testclient import TestClient

from orders.app import create_app


def test_create_order(tmp_path):
    client = TestClient(create_app(str(tmp_path / "orders.db")))
    resp = client.post("/orders", json={"product_id": 1, "quantity": 1}, headers={"Authorization": "Bearer alice-token"})
    assert resp.status_code < 500
