import pytest

from inventory import create_app

API_KEY = "test-key-0123456789"
WIDGET = {"sku": "WID-0001", "name": "Widget", "category": "parts", "quantity": 10, "unit_price_cents": 250}


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "inventory.sqlite"), "API_KEY": API_KEY})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth():
    return {"X-API-Key": API_KEY}


@pytest.fixture
def widget(client, auth):
    response = client.post("/api/items", json=WIDGET, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response
