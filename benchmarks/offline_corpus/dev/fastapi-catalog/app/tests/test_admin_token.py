from .conftest import ADMIN


def test_reads_are_public(client, create):
    product = create()
    assert client.get("/products").status_code == 200
    assert client.get(f"/products/{product['id']}").status_code == 200
    assert client.get("/tags").status_code == 200


def test_missing_token_is_401(client):
    response = client.post("/products", json={"name": "Mug", "price": "1.00"})
    assert response.status_code == 401


def test_wrong_token_is_403(client):
    response = client.post("/products", json={"name": "Mug", "price": "1.00"}, headers={"X-Admin-Token": "guess"})
    assert response.status_code == 403


def test_every_write_is_guarded(client, create):
    product = create()
    url = f"/products/{product['id']}"
    full = {"name": "Cup", "price": "2.00"}
    for headers, expected in (({}, 401), ({"X-Admin-Token": "nope"}, 403)):
        assert client.put(url, json=full, headers=headers).status_code == expected
        assert client.patch(url, json={"stock": 1}, headers=headers).status_code == expected
        assert client.delete(url, headers=headers).status_code == expected
    assert client.get(url).json()["name"] == "Mug"


def test_token_comes_from_settings(client, monkeypatch):
    from catalog.config import get_settings

    monkeypatch.setenv("CATALOG_ADMIN_TOKEN", "rotated")
    get_settings.cache_clear()
    assert client.post("/products", json={"name": "Mug", "price": "1.00"}, headers=ADMIN).status_code == 403
    response = client.post("/products", json={"name": "Mug", "price": "1.00"}, headers={"X-Admin-Token": "rotated"})
    assert response.status_code == 201
