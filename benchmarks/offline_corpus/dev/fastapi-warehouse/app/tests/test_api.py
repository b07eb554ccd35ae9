import copy

import pytest
from fastapi.testclient import TestClient

from warehouse import api

client = TestClient(api.app)
HEADERS = {"X-Token": "wh-scan-7f3a9c"}


@pytest.fixture(autouse=True)
def fresh_stock():
    saved = copy.deepcopy(api.stock)
    yield
    api.stock.clear()
    api.stock.update(saved)


def test_read_item():
    response = client.get("/items/BOL-0001", headers=HEADERS)
    assert response.status_code == 200
    assert response.json() == {"sku": "BOL-0001", "name": "Bolts M6", "quantity": 120, "reorder_level": 50}


@pytest.mark.parametrize("token", ["nope", "wh-scan-000000", ""])
def test_read_item_bad_token(token):
    response = client.get("/items/BOL-0001", headers={"X-Token": token})
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid X-Token header"}


def test_read_item_missing_token():
    assert client.get("/items/BOL-0001").status_code == 422


def test_read_nonexistent_item():
    response = client.get("/items/XXX-9999", headers=HEADERS)
    assert response.status_code == 404
    assert response.json() == {"detail": "Item not found"}


def test_list_items():
    response = client.get("/items", headers=HEADERS)
    assert [item["sku"] for item in response.json()] == ["BOL-0001", "NUT-0002"]


def test_list_low_stock():
    client.post("/items", headers=HEADERS, json={"sku": "WAS-0003", "name": "Washers", "quantity": 5})
    response = client.get("/items", headers=HEADERS, params={"low_stock": True})
    # WAS-0003 sits exactly at its reorder level: not low yet.
    assert [item["sku"] for item in response.json()] == ["NUT-0002"]


def test_create_item():
    item = {"sku": "SCR-0100", "name": "Screws", "quantity": 10, "reorder_level": 2}
    response = client.post("/items", headers=HEADERS, json=item)
    assert response.status_code == 201
    assert response.json() == item
    assert client.get("/items/SCR-0100", headers=HEADERS).json() == item


def test_create_item_bad_token():
    response = client.post("/items", headers={"X-Token": "nope"}, json={"sku": "SCR-0100", "name": "Screws"})
    assert response.status_code == 401
    assert client.get("/items/SCR-0100", headers=HEADERS).status_code == 404


def test_create_existing_item():
    response = client.post("/items", headers=HEADERS, json={"sku": "BOL-0001", "name": "Other bolts"})
    assert response.status_code == 409
    assert response.json() == {"detail": "Item already exists"}
    assert client.get("/items/BOL-0001", headers=HEADERS).json()["name"] == "Bolts M6"


@pytest.mark.parametrize(
    "payload",
    [
        {"sku": "bol-1", "name": "Bolts"},
        {"sku": "SCR-0100", "name": ""},
        {"sku": "SCR-0100", "name": "x" * 51},
        {"sku": "SCR-0100", "name": "Screws", "quantity": -1},
    ],
)
def test_create_item_invalid(payload):
    assert client.post("/items", headers=HEADERS, json=payload).status_code == 422


def test_name_of_maximum_length():
    assert client.post("/items", headers=HEADERS, json={"sku": "SCR-0100", "name": "x" * 50}).status_code == 201


def test_take_and_restock():
    response = client.post("/items/NUT-0002/stock", headers=HEADERS, json={"delta": -3})
    assert response.json()["quantity"] == 5
    response = client.post("/items/NUT-0002/stock", headers=HEADERS, json={"delta": 10})
    assert response.json()["quantity"] == 15
    assert client.get("/items/NUT-0002", headers=HEADERS).json()["quantity"] == 15


def test_take_the_last_units():
    response = client.post("/items/NUT-0002/stock", headers=HEADERS, json={"delta": -8})
    assert response.status_code == 200
    assert response.json()["quantity"] == 0


def test_take_more_than_in_stock():
    response = client.post("/items/NUT-0002/stock", headers=HEADERS, json={"delta": -9})
    assert response.status_code == 409
    assert client.get("/items/NUT-0002", headers=HEADERS).json()["quantity"] == 8


def test_stock_change_unknown_item():
    assert client.post("/items/XXX-9999/stock", headers=HEADERS, json={"delta": 1}).status_code == 404


def test_delete_item():
    assert client.delete("/items/NUT-0002", headers=HEADERS).status_code == 204
    assert client.get("/items/NUT-0002", headers=HEADERS).status_code == 404
    assert client.delete("/items/NUT-0002", headers=HEADERS).status_code == 404


def test_delete_item_bad_token():
    assert client.delete("/items/NUT-0002", headers={"X-Token": "nope"}).status_code == 401
    assert client.get("/items/NUT-0002", headers=HEADERS).status_code == 200
