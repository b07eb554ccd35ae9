def test_create_item(client, acme):
    response = client.post("/items", json={"sku": "BOLT-M6", "name": "Hex bolt M6", "quantity": 40}, headers=acme)
    assert response.status_code == 201
    body = response.json()
    assert body == {"id": body["id"], "sku": "BOLT-M6", "name": "Hex bolt M6", "quantity": 40}
    assert response.headers["Location"] == f"/items/{body['id']}"
    assert response.headers["ETag"]


def test_read_item_has_etag(client, acme, create_item):
    item = create_item()
    response = client.get(f"/items/{item['id']}", headers=acme)
    assert response.status_code == 200
    assert response.json() == item
    assert response.headers["ETag"].startswith('"')


def test_quantity_cannot_be_negative(client, acme):
    response = client.post("/items", json={"sku": "X1", "name": "x", "quantity": -1}, headers=acme)
    assert response.status_code == 422


def test_zero_quantity_is_allowed(client, acme):
    response = client.post("/items", json={"sku": "X1", "name": "x", "quantity": 0}, headers=acme)
    assert response.status_code == 201


def test_duplicate_sku_is_409(client, acme, create_item):
    create_item(sku="NUT-M6")
    response = client.post("/items", json={"sku": "NUT-M6", "name": "again", "quantity": 1}, headers=acme)
    assert response.status_code == 409


def test_sku_is_unique_per_tenant_only(client, globex, create_item):
    create_item(sku="NUT-M6")
    response = client.post("/items", json={"sku": "NUT-M6", "name": "Nut", "quantity": 5}, headers=globex)
    assert response.status_code == 201


def test_unknown_item_is_404(client, acme):
    assert client.get("/items/999", headers=acme).status_code == 404


def test_tenants_do_not_see_each_others_items(client, acme, globex, create_item):
    item = create_item()
    assert client.get(f"/items/{item['id']}", headers=globex).status_code == 404
    put = client.put(f"/items/{item['id']}", json={"name": "mine", "quantity": 1}, headers={**globex, "If-Match": "*"})
    assert put.status_code == 404
    assert client.delete(f"/items/{item['id']}", headers=globex).status_code == 404
    assert client.get(f"/items/{item['id']}", headers=acme).json() == item


def test_put_without_if_match_is_428(client, acme, create_item):
    item = create_item()
    response = client.put(f"/items/{item['id']}", json={"name": "Bolt", "quantity": 3}, headers=acme)
    assert response.status_code == 428
    assert client.get(f"/items/{item['id']}", headers=acme).json()["quantity"] == 10


def test_put_with_current_etag_replaces_the_item(client, acme, create_item):
    item = create_item()
    etag = client.get(f"/items/{item['id']}", headers=acme).headers["ETag"]
    response = client.put(
        f"/items/{item['id']}", json={"name": "Hex bolt M6 zinc", "quantity": 12}, headers={**acme, "If-Match": etag}
    )
    assert response.status_code == 200
    assert response.json()["name"] == "Hex bolt M6 zinc"
    assert response.json()["quantity"] == 12
    assert response.headers["ETag"] != etag
    assert client.get(f"/items/{item['id']}", headers=acme).headers["ETag"] == response.headers["ETag"]


def test_put_with_stale_etag_is_412(client, acme, create_item):
    item = create_item()
    stale = client.get(f"/items/{item['id']}", headers=acme).headers["ETag"]
    first = client.put(f"/items/{item['id']}", json={"name": "v2", "quantity": 1}, headers={**acme, "If-Match": stale})
    assert first.status_code == 200
    second = client.put(f"/items/{item['id']}", json={"name": "v3", "quantity": 2}, headers={**acme, "If-Match": stale})
    assert second.status_code == 412
    assert client.get(f"/items/{item['id']}", headers=acme).json()["name"] == "v2"


def test_put_with_wildcard_if_match(client, acme, create_item):
    item = create_item()
    response = client.put(f"/items/{item['id']}", json={"name": "any", "quantity": 0}, headers={**acme, "If-Match": "*"})
    assert response.status_code == 200


def test_put_rejects_negative_quantity(client, acme, create_item):
    item = create_item()
    response = client.put(f"/items/{item['id']}", json={"name": "x", "quantity": -5}, headers={**acme, "If-Match": "*"})
    assert response.status_code == 422


def test_delete_item(client, acme, create_item):
    item = create_item()
    assert client.delete(f"/items/{item['id']}", headers=acme).status_code == 204
    assert client.get(f"/items/{item['id']}", headers=acme).status_code == 404
