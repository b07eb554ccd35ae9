from datetime import datetime, timezone

from tests.conftest import START


def reserve(client, headers, item_id, quantity):
    return client.post("/reservations", json={"item_id": item_id, "quantity": quantity}, headers=headers)


def stock(client, headers, item_id):
    return client.get(f"/items/{item_id}", headers=headers).json()["quantity"]


def test_reservation_takes_stock(client, acme, create_item):
    item = create_item(quantity=10)
    response = reserve(client, acme, item["id"], 4)
    assert response.status_code == 201
    assert response.json()["quantity"] == 4
    assert response.headers["Location"] == f"/reservations/{response.json()['id']}"
    assert stock(client, acme, item["id"]) == 6


def test_reservation_changes_the_etag(client, acme, create_item):
    item = create_item(quantity=10)
    before = client.get(f"/items/{item['id']}", headers=acme).headers["ETag"]
    reserve(client, acme, item["id"], 1)
    put = client.put(f"/items/{item['id']}", json={"name": "n", "quantity": 1}, headers={**acme, "If-Match": before})
    assert put.status_code == 412


def test_reserving_all_the_stock_is_allowed(client, acme, create_item):
    item = create_item(quantity=5)
    assert reserve(client, acme, item["id"], 5).status_code == 201
    assert stock(client, acme, item["id"]) == 0


def test_reserving_more_than_the_stock_is_409(client, acme, create_item):
    item = create_item(quantity=5)
    response = reserve(client, acme, item["id"], 6)
    assert response.status_code == 409
    assert stock(client, acme, item["id"]) == 5


def test_quantity_must_be_positive(client, acme, create_item):
    item = create_item()
    assert reserve(client, acme, item["id"], 0).status_code == 422


def test_cannot_reserve_another_tenants_item(client, acme, globex, create_item):
    item = create_item(quantity=5)
    assert reserve(client, globex, item["id"], 1).status_code == 404
    assert stock(client, acme, item["id"]) == 5


def test_expiry_comes_from_settings(client, acme, create_item):
    item = create_item()
    body = reserve(client, acme, item["id"], 1).json()
    # INVENTORY_RESERVATION_TTL is 60 in these tests
    assert datetime.fromisoformat(body["expires_at"]) == datetime.fromtimestamp(START + 60, tz=timezone.utc)


def test_reservation_holds_until_its_ttl(client, acme, create_item, clock):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    clock.advance(59)
    assert client.get(f"/reservations/{rid}", headers=acme).status_code == 200
    assert stock(client, acme, item["id"]) == 6


def test_reservation_expires_at_its_ttl_and_returns_stock(client, acme, create_item, clock):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    clock.advance(60)
    assert client.get(f"/reservations/{rid}", headers=acme).status_code == 404
    assert stock(client, acme, item["id"]) == 10


def test_expired_stock_can_be_reserved_again(client, acme, create_item, clock):
    item = create_item(quantity=3)
    reserve(client, acme, item["id"], 3)
    assert reserve(client, acme, item["id"], 1).status_code == 409
    clock.advance(61)
    assert reserve(client, acme, item["id"], 3).status_code == 201


def test_release_returns_stock(client, acme, create_item):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    assert client.delete(f"/reservations/{rid}", headers=acme).status_code == 204
    assert stock(client, acme, item["id"]) == 10
    assert client.get(f"/reservations/{rid}", headers=acme).status_code == 404


def test_fulfil_keeps_stock_taken(client, acme, create_item, clock):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    response = client.post(f"/reservations/{rid}/fulfil", headers=acme)
    assert response.status_code == 200
    assert response.json()["quantity"] == 4
    clock.advance(3600)
    assert stock(client, acme, item["id"]) == 6


def test_expired_reservation_cannot_be_fulfilled(client, acme, create_item, clock):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    clock.advance(120)
    assert client.post(f"/reservations/{rid}/fulfil", headers=acme).status_code == 404
    assert stock(client, acme, item["id"]) == 10


def test_reservations_are_private_to_the_tenant(client, acme, globex, create_item):
    item = create_item(quantity=10)
    rid = reserve(client, acme, item["id"], 4).json()["id"]
    assert client.get(f"/reservations/{rid}", headers=globex).status_code == 404
    assert client.delete(f"/reservations/{rid}", headers=globex).status_code == 404
    assert stock(client, acme, item["id"]) == 6
