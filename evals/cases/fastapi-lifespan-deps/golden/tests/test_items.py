import pytest
from fastapi.testclient import TestClient

from warehouse.app import create_app

KEYS = {"r-key": "reader", "w-key": "writer"}
R, W = {"x-api-key": "r-key"}, {"x-api-key": "w-key"}


@pytest.fixture
def client():
    with TestClient(create_app(KEYS)) as c:  # the context runs the lifespan
        yield c


def test_success_a_writer_sets_stock_and_a_reader_sees_it(client):
    assert client.put("/items/mug", json={"sku": "mug", "quantity": 3}, headers=W).json() == {"mug": 3}
    assert client.get("/items", headers=R).json() == {"mug": 3}


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "nope"}])
def test_unauthorized_missing_or_unknown_keys_are_refused(client, headers):
    assert client.get("/items", headers=headers).status_code == 401
    assert client.put("/items/mug", json={"sku": "mug", "quantity": 1}, headers=headers).status_code == 401


def test_forbidden_a_reader_cannot_change_stock(client):
    assert client.put("/items/mug", json={"sku": "mug", "quantity": 1}, headers=R).status_code == 403
    client.put("/items/mug", json={"sku": "mug", "quantity": 2}, headers=W)
    assert client.delete("/items/mug", headers=R).status_code == 403
    assert client.get("/items", headers=R).json() == {"mug": 2}


@pytest.mark.parametrize("body", [{"sku": "cup", "quantity": 1}, {"sku": "mug", "quantity": -1}, {"sku": "mug"}])
def test_invalid_input_bodies_are_refused_and_store_nothing(client, body):
    assert client.put("/items/mug", json=body, headers=W).status_code == 422
    assert client.get("/items", headers=R).json() == {}


def test_not_found_deleting_an_unknown_sku(client):
    assert client.delete("/items/ghost", headers=W).status_code == 404


def test_side_effect_delete_removes_the_item(client):
    client.put("/items/mug", json={"sku": "mug", "quantity": 2}, headers=W)
    assert client.delete("/items/mug", headers=W).status_code == 204
    assert client.get("/items", headers=R).json() == {}


def test_side_effect_each_app_gets_its_own_store():
    with TestClient(create_app(KEYS)) as first:
        first.put("/items/mug", json={"sku": "mug", "quantity": 2}, headers=W)
    with TestClient(create_app(KEYS)) as second:
        assert second.get("/items", headers=R).json() == {}
