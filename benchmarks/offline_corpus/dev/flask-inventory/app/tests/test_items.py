import pytest

from .conftest import WIDGET


def test_create_returns_the_item_with_location_and_etag(client, widget):
    body = widget.get_json()
    assert body == {"id": body["id"], **WIDGET}
    assert widget.headers["Location"] == f"/api/items/{body['id']}"
    assert widget.headers["ETag"]


def test_get_item(client, widget):
    response = client.get(widget.headers["Location"])
    assert response.status_code == 200
    assert response.get_json() == widget.get_json()
    assert response.headers["ETag"] == widget.headers["ETag"]


def test_get_with_current_etag_is_304(client, widget):
    response = client.get(widget.headers["Location"], headers={"If-None-Match": widget.headers["ETag"]})
    assert response.status_code == 304


def test_missing_item_is_404(client, auth):
    assert client.get("/api/items/99").status_code == 404
    assert client.put("/api/items/99", json=WIDGET, headers={**auth, "If-Match": '"x"'}).status_code == 404


def test_list_sorted_by_sku_and_filtered_by_category(client, auth, widget):
    client.post("/api/items", json={**WIDGET, "sku": "ABC-0002", "category": "tools"}, headers=auth)
    assert [item["sku"] for item in client.get("/api/items").get_json()["items"]] == ["ABC-0002", "WID-0001"]
    tools = client.get("/api/items?category=tools").get_json()["items"]
    assert [item["sku"] for item in tools] == ["ABC-0002"]


def test_duplicate_sku_is_409(client, auth, widget):
    response = client.post("/api/items", json={**WIDGET, "name": "Other"}, headers=auth)
    assert response.status_code == 409
    assert len(client.get("/api/items").get_json()["items"]) == 1


@pytest.mark.parametrize(
    "change, field",
    [
        ({"sku": "wid-1"}, "sku"),
        ({"name": ""}, "name"),
        ({"quantity": -1}, "quantity"),
        ({"quantity": "3"}, "quantity"),
        ({"unit_price_cents": 1.5}, "unit_price_cents"),
        ({"colour": "red"}, "body"),
    ],
)
def test_create_validates_fields(client, auth, change, field):
    response = client.post("/api/items", json={**WIDGET, **change}, headers=auth)
    assert response.status_code == 400
    assert field in response.get_json()["errors"]


def test_create_accepts_zero_quantity(client, auth):
    response = client.post("/api/items", json={**WIDGET, "quantity": 0}, headers=auth)
    assert response.status_code == 201
    assert response.get_json()["quantity"] == 0


def test_create_without_body_is_400(client, auth):
    assert client.post("/api/items", data="not json", headers=auth).status_code == 400
