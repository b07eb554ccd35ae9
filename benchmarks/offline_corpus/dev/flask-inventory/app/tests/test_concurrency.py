from .conftest import WIDGET


def test_put_with_current_etag_replaces_the_item(client, auth, widget):
    location = widget.headers["Location"]
    changed = {**WIDGET, "name": "Widget, large", "unit_price_cents": 300}
    response = client.put(location, json=changed, headers={**auth, "If-Match": widget.headers["ETag"]})
    assert response.status_code == 200
    assert response.get_json()["name"] == "Widget, large"
    assert response.headers["ETag"] != widget.headers["ETag"]
    stored = client.get(location)
    assert stored.get_json()["unit_price_cents"] == 300
    assert stored.headers["ETag"] == response.headers["ETag"]


def test_put_without_if_match_is_428(client, auth, widget):
    response = client.put(widget.headers["Location"], json={**WIDGET, "name": "X"}, headers=auth)
    assert response.status_code == 428
    assert client.get(widget.headers["Location"]).get_json()["name"] == "Widget"


def test_put_with_stale_etag_is_412(client, auth, widget):
    location, first = widget.headers["Location"], widget.headers["ETag"]
    client.put(location, json={**WIDGET, "name": "Second"}, headers={**auth, "If-Match": first})
    response = client.put(location, json={**WIDGET, "name": "Lost update"}, headers={**auth, "If-Match": first})
    assert response.status_code == 412
    assert client.get(location).get_json()["name"] == "Second"


def test_stock_change_makes_the_etag_stale(client, auth, widget):
    location, first = widget.headers["Location"], widget.headers["ETag"]
    moved = client.post(f"{location}/stock", json={"delta": -3}, headers={**auth, "If-Match": first})
    assert moved.status_code == 200
    assert moved.get_json()["quantity"] == 7
    response = client.put(location, json=WIDGET, headers={**auth, "If-Match": first})
    assert response.status_code == 412
    assert client.get(location).get_json()["quantity"] == 7


def test_put_validates_the_body(client, auth, widget):
    headers = {**auth, "If-Match": widget.headers["ETag"]}
    response = client.put(widget.headers["Location"], json={"name": "Only a name"}, headers=headers)
    assert response.status_code == 400
    assert client.get(widget.headers["Location"]).get_json() == widget.get_json()


def test_put_to_a_taken_sku_is_409(client, auth, widget):
    client.post("/api/items", json={**WIDGET, "sku": "ABC-0002"}, headers=auth)
    headers = {**auth, "If-Match": widget.headers["ETag"]}
    assert client.put(widget.headers["Location"], json={**WIDGET, "sku": "ABC-0002"}, headers=headers).status_code == 409


def test_delete_with_current_etag(client, auth, widget):
    location = widget.headers["Location"]
    assert client.delete(location, headers={**auth, "If-Match": widget.headers["ETag"]}).status_code == 204
    assert client.get(location).status_code == 404


def test_delete_needs_if_match(client, auth, widget):
    location = widget.headers["Location"]
    assert client.delete(location, headers=auth).status_code == 428
    assert client.delete(location, headers={**auth, "If-Match": '"stale"'}).status_code == 412
    assert client.get(location).status_code == 200


def test_if_match_star_matches_any_version(client, auth, widget):
    assert client.delete(widget.headers["Location"], headers={**auth, "If-Match": "*"}).status_code == 204


def test_stock_cannot_go_below_zero(client, auth, widget):
    location = widget.headers["Location"]
    response = client.post(f"{location}/stock", json={"delta": -11}, headers={**auth, "If-Match": widget.headers["ETag"]})
    assert response.status_code == 409
    assert client.get(location).get_json()["quantity"] == 10


def test_stock_can_reach_zero(client, auth, widget):
    location = widget.headers["Location"]
    response = client.post(f"{location}/stock", json={"delta": -10}, headers={**auth, "If-Match": widget.headers["ETag"]})
    assert response.status_code == 200
    assert response.get_json()["quantity"] == 0


def test_stock_delta_must_be_a_nonzero_integer(client, auth, widget):
    headers = {**auth, "If-Match": widget.headers["ETag"]}
    for delta in (0, 1.5, "2", True, None):
        assert client.post(f"{widget.headers['Location']}/stock", json={"delta": delta}, headers=headers).status_code == 400
