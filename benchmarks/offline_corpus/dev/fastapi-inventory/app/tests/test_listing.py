import pytest


@pytest.fixture
def stocked(create_item):
    for sku, quantity in [("A-100", 0), ("B-200", 3), ("C-300", 4), ("D-400", 50), ("E-500", 2)]:
        create_item(sku=sku, name=sku.lower(), quantity=quantity)


def skus(response):
    return [item["sku"] for item in response.json()["items"]]


def test_list_is_sorted_by_sku(client, acme, stocked):
    response = client.get("/items", headers=acme)
    assert skus(response) == ["A-100", "B-200", "C-300", "D-400", "E-500"]
    assert response.json()["total"] == 5


def test_limit_and_offset(client, acme, stocked):
    response = client.get("/items", params={"limit": 2, "offset": 1}, headers=acme)
    assert skus(response) == ["B-200", "C-300"]
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (5, 2, 1)


def test_offset_past_the_end_is_empty(client, acme, stocked):
    response = client.get("/items", params={"offset": 5}, headers=acme)
    assert skus(response) == []
    assert response.json()["total"] == 5


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
def test_bad_paging_is_422(client, acme, params):
    assert client.get("/items", params=params, headers=acme).status_code == 422


def test_low_stock_includes_the_threshold(client, acme, stocked):
    # INVENTORY_LOW_STOCK_THRESHOLD is 3 in these tests
    response = client.get("/items", params={"low_stock": "true"}, headers=acme)
    assert skus(response) == ["A-100", "B-200", "E-500"]
    assert response.json()["total"] == 3


def test_low_stock_pages(client, acme, stocked):
    response = client.get("/items", params={"low_stock": "true", "limit": 1, "offset": 1}, headers=acme)
    assert skus(response) == ["B-200"]
    assert response.json()["total"] == 3


def test_list_shows_only_the_callers_items(client, globex, stocked, create_item):
    create_item(sku="Z-1", headers=globex)
    response = client.get("/items", headers=globex)
    assert skus(response) == ["Z-1"]
    assert response.json()["total"] == 1
