from .conftest import ADMIN


def test_create_and_read(client, create):
    product = create(name="Mug", description="Stoneware", price="12.5", stock=4)
    assert product["price"] == "12.50"
    got = client.get(f"/products/{product['id']}").json()
    assert got == {
        "id": product["id"],
        "name": "Mug",
        "description": "Stoneware",
        "price": "12.50",
        "stock": 4,
        "tags": [],
    }


def test_unknown_product_is_404(client):
    assert client.get("/products/999").status_code == 404


def test_price_with_two_places_is_kept_exactly(client, create):
    assert create(price="19.99")["price"] == "19.99"
    assert create(price=0.1)["price"] == "0.10"


def test_price_with_more_than_two_places_is_422(client):
    response = client.post("/products", json={"name": "Mug", "price": "9.999"}, headers=ADMIN)
    assert response.status_code == 422


def test_price_must_be_positive(client):
    for price in ("0", "0.00", "-1.00"):
        response = client.post("/products", json={"name": "Mug", "price": price}, headers=ADMIN)
        assert response.status_code == 422, price


def test_put_replaces_the_whole_product(client, create):
    product = create(name="Mug", description="Stoneware", price="9.50", stock=3, tags=["kitchen"])
    response = client.put(f"/products/{product['id']}", json={"name": "Cup", "price": "4.00"}, headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {
        "id": product["id"],
        "name": "Cup",
        "description": "",
        "price": "4.00",
        "stock": 0,
        "tags": [],
    }


def test_put_needs_the_whole_product(client, create):
    product = create()
    assert client.put(f"/products/{product['id']}", json={"stock": 5}, headers=ADMIN).status_code == 422


def test_put_replaces_tags(client, create):
    product = create(tags=["kitchen", "gift"])
    response = client.put(
        f"/products/{product['id']}", json={"name": "Mug", "price": "9.50", "tags": ["sale"]}, headers=ADMIN
    )
    assert response.json()["tags"] == ["sale"]


def test_patch_changes_only_sent_fields(client, create):
    product = create(name="Mug", description="Stoneware", price="9.50", stock=3, tags=["kitchen"])
    response = client.patch(f"/products/{product['id']}", json={"stock": 10}, headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {**product, "stock": 10}


def test_patch_price(client, create):
    product = create(price="9.50")
    response = client.patch(f"/products/{product['id']}", json={"price": "7.25"}, headers=ADMIN)
    assert response.json()["price"] == "7.25"
    response = client.patch(f"/products/{product['id']}", json={"price": "7.255"}, headers=ADMIN)
    assert response.status_code == 422


def test_patch_tags(client, create):
    product = create(tags=["kitchen"])
    response = client.patch(f"/products/{product['id']}", json={"tags": ["Gift"]}, headers=ADMIN)
    assert response.json()["tags"] == ["gift"]


def test_patch_null_name_is_422(client, create):
    product = create()
    assert client.patch(f"/products/{product['id']}", json={"name": None}, headers=ADMIN).status_code == 422


def test_delete(client, create):
    product = create(tags=["kitchen"])
    assert client.delete(f"/products/{product['id']}", headers=ADMIN).status_code == 204
    assert client.get(f"/products/{product['id']}").status_code == 404
    assert client.get("/tags").json() == [{"name": "kitchen", "products": 0}]
