from fastapi.testclient import TestClient

from warehouse.app import create_app


def test_items():
    with TestClient(create_app({"k": "writer"})) as client:
        assert client.get("/items", headers={"x-api-key": "k"}).status_code < 500
