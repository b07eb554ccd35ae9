def names(response):
    assert response.status_code == 200, response.text
    return [p["name"] for p in response.json()]


def test_tag_names_are_normalised_and_reused(client, create):
    first = create(name="Mug", tags=["Kitchen", " GIFT "])
    second = create(name="Bowl", tags=["kitchen"])
    assert first["tags"] == ["gift", "kitchen"]
    assert second["tags"] == ["kitchen"]
    assert client.get("/tags").json() == [
        {"name": "gift", "products": 1},
        {"name": "kitchen", "products": 2},
    ]


def test_repeated_tags_are_kept_once(client, create):
    assert create(tags=["sale", "Sale", "SALE"])["tags"] == ["sale"]


def test_empty_tag_is_422(client):
    from .conftest import ADMIN

    response = client.post("/products", json={"name": "Mug", "price": "1.00", "tags": ["  "]}, headers=ADMIN)
    assert response.status_code == 422


def test_tag_filter_requires_all_tags(client, create):
    create(name="Mug", tags=["kitchen", "gift"])
    create(name="Bowl", tags=["kitchen"])
    create(name="Card", tags=["gift"])
    assert names(client.get("/products", params={"tag": "kitchen"})) == ["Bowl", "Mug"]
    assert names(client.get("/products", params=[("tag", "kitchen"), ("tag", "gift")])) == ["Mug"]
    assert names(client.get("/products", params={"tag": "Gift"})) == ["Card", "Mug"]
    assert names(client.get("/products", params={"tag": "none"})) == []


def test_sorting(client, create):
    create(name="Bowl", price="15.00")
    create(name="Apron", price="20.00")
    create(name="Cup", price="4.50")
    assert names(client.get("/products")) == ["Apron", "Bowl", "Cup"]
    assert names(client.get("/products", params={"sort": "-name"})) == ["Cup", "Bowl", "Apron"]
    assert names(client.get("/products", params={"sort": "price"})) == ["Cup", "Bowl", "Apron"]
    assert names(client.get("/products", params={"sort": "-price"})) == ["Apron", "Bowl", "Cup"]
    assert names(client.get("/products", params={"sort": "newest"})) == ["Cup", "Apron", "Bowl"]


def test_unknown_sort_is_422(client, create):
    create()
    for sort in ("stock", "price_cents", "name; drop table product"):
        assert client.get("/products", params={"sort": sort}).status_code == 422, sort


def test_limit_and_offset(client, create):
    for name in ("A", "B", "C", "D"):
        create(name=name)
    assert names(client.get("/products", params={"limit": 2, "offset": 1})) == ["B", "C"]
    assert client.get("/products", params={"limit": 0}).status_code == 422
