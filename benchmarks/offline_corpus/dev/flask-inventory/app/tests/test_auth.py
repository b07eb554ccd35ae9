from .conftest import WIDGET


def test_reading_is_public(client, widget):
    assert client.get("/api/items").status_code == 200
    assert client.get(widget.headers["Location"]).status_code == 200


def test_create_without_key_is_401(client):
    response = client.post("/api/items", json=WIDGET)
    assert response.status_code == 401
    assert response.get_json()["message"] == "Send the API key in the X-API-Key header"
    assert client.get("/api/items").get_json() == {"items": []}


def test_create_with_wrong_key_is_403(client):
    response = client.post("/api/items", json=WIDGET, headers={"X-API-Key": "nope"})
    assert response.status_code == 403
    assert client.get("/api/items").get_json() == {"items": []}


def test_every_change_needs_the_key(client, widget):
    location, etag = widget.headers["Location"], widget.headers["ETag"]
    assert client.put(location, json=WIDGET, headers={"If-Match": etag}).status_code == 401
    assert client.delete(location, headers={"If-Match": etag}).status_code == 401
    assert client.post(f"{location}/stock", json={"delta": 1}, headers={"If-Match": etag}).status_code == 401
    assert client.get(location).get_json()["quantity"] == 10
