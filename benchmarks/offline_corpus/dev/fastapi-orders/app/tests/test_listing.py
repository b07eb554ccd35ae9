import pytest

from tests.conftest import ALICE, BOB, place


@pytest.fixture
def five_orders(client):
    ids = [place(client).json()["id"] for _ in range(5)]
    client.post(f"/orders/{ids[1]}/pay", headers=ALICE)
    client.post(f"/orders/{ids[3]}/pay", headers=ALICE)
    client.post(f"/orders/{ids[4]}/cancel", headers=ALICE)
    place(client, headers=BOB)
    return ids


def ids_of(response):
    return [order["id"] for order in response.json()["orders"]]


def test_lists_only_my_orders_oldest_first(client, five_orders):
    response = client.get("/orders", headers=ALICE)
    assert ids_of(response) == five_orders
    assert response.json()["total"] == 5
    assert ids_of(client.get("/orders", headers=BOB)) == [6]


def test_status_filter(client, five_orders):
    response = client.get("/orders", params={"status": "paid"}, headers=ALICE)
    assert ids_of(response) == [five_orders[1], five_orders[3]]
    assert response.json()["total"] == 2
    assert ids_of(client.get("/orders", params={"status": "cancelled"}, headers=ALICE)) == [five_orders[4]]


def test_unknown_status_is_rejected(client):
    assert client.get("/orders", params={"status": "lost"}, headers=ALICE).status_code == 422


def test_limit_and_offset(client, five_orders):
    response = client.get("/orders", params={"limit": 2, "offset": 2}, headers=ALICE)
    assert ids_of(response) == five_orders[2:4]
    assert response.json()["total"] == 5
    assert response.json()["limit"] == 2
    assert response.json()["offset"] == 2
    assert ids_of(client.get("/orders", params={"limit": 2, "offset": 4}, headers=ALICE)) == five_orders[4:]
    assert ids_of(client.get("/orders", params={"offset": 10}, headers=ALICE)) == []


def test_filter_and_page_together(client, five_orders):
    response = client.get("/orders", params={"status": "pending", "limit": 1, "offset": 1}, headers=ALICE)
    assert ids_of(response) == [five_orders[2]]
    assert response.json()["total"] == 2


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
def test_page_bounds(client, params):
    assert client.get("/orders", params=params, headers=ALICE).status_code == 422


def test_largest_page(client):
    assert client.get("/orders", params={"limit": 100}, headers=ALICE).status_code == 200
