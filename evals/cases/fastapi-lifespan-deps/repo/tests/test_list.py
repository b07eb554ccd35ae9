from fastapi.testclient import TestClient

from warehouse.app import create_app


def test_listing_starts_empty():
    with TestClient(create_app({"r": "reader"})) as client:
        assert client.get("/items", headers={"x-api-key": "r"}).json() == {}
