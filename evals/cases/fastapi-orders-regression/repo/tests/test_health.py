from fastapi.testclient import TestClient

from orders.app import create_app


def test_health_answers_ok(tmp_path):
    client = TestClient(create_app(str(tmp_path / "orders.db")))
    assert client.get("/health").json() == {"status": "ok"}
