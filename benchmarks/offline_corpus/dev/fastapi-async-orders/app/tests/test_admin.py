from .conftest import ADMIN


def test_admin_creates_a_customer_with_a_key(client):
    response = client.post("/admin/customers", json={"name": "Ada", "email": "Ada@Example.com"}, headers=ADMIN)

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "ada@example.com"
    assert body["api_key"].startswith("od_")
    me = client.get("/me", headers={"X-Api-Key": body["api_key"]})
    assert me.status_code == 200
    assert me.json() == {"id": body["id"], "name": "Ada", "email": "ada@example.com"}


def test_admin_routes_need_the_admin_token(client):
    body = {"name": "Ada", "email": "ada@example.com"}

    missing = client.post("/admin/customers", json=body)
    wrong = client.post("/admin/customers", json=body, headers={"X-Admin-Token": "guess"})

    assert missing.status_code == 401
    assert wrong.status_code == 403
    assert client.post("/admin/products", json={"sku": "X", "name": "x", "price": "1.00"}).status_code == 401


def test_customer_emails_are_unique(client):
    client.post("/admin/customers", json={"name": "Ada", "email": "ada@example.com"}, headers=ADMIN)

    response = client.post("/admin/customers", json={"name": "Ada L", "email": "ADA@example.com"}, headers=ADMIN)

    assert response.status_code == 409


def test_extra_keys_for_a_customer(client, ada):
    me = client.get("/me", headers=ada).json()

    response = client.post(f"/admin/customers/{me['id']}/keys", headers=ADMIN)

    assert response.status_code == 201
    second = {"X-Api-Key": response.json()["api_key"]}
    assert client.get("/me", headers=second).json()["id"] == me["id"]
    assert client.get("/me", headers=ada).status_code == 200
    assert client.post("/admin/customers/999/keys", headers=ADMIN).status_code == 404


def test_customer_routes_need_a_known_key(client, ada):
    assert client.get("/me").status_code == 401
    assert client.get("/me", headers={"X-Api-Key": "od_not-a-key"}).status_code == 401
    assert client.get("/orders", headers={"X-Api-Key": ""}).status_code == 401


def test_the_admin_token_is_not_a_customer_key(client):
    assert client.get("/me", headers={"X-Api-Key": "admin-secret"}).status_code == 401


def test_products(client):
    created = client.post("/admin/products", json={"sku": "MUG", "name": "Mug", "price": "8.5"}, headers=ADMIN)
    duplicate = client.post("/admin/products", json={"sku": "MUG", "name": "Mug", "price": "9.00"}, headers=ADMIN)

    assert created.status_code == 201
    assert created.json() == {"sku": "MUG", "name": "Mug", "price": "8.50"}
    assert duplicate.status_code == 409
    for price in ("0", "-1.00", "1.999"):
        response = client.post("/admin/products", json={"sku": "PEN", "name": "Pen", "price": price}, headers=ADMIN)
        assert response.status_code == 422


def test_discount_codes_are_upper_cased_and_unique(client, discount):
    created = discount(" spring10 ", "percent", "10")

    assert created["code"] == "SPRING10"
    assert created["value"] == "10.00"
    response = client.post(
        "/admin/discounts",
        json={"code": "Spring10", "kind": "fixed", "value": "5", "expires_on": "2031-12-31"},
        headers=ADMIN,
    )
    assert response.status_code == 409


def test_percent_codes_cannot_exceed_100(client):
    body = {"code": "ALLFREE", "kind": "percent", "value": "100.01", "expires_on": "2031-12-31"}

    assert client.post("/admin/discounts", json=body, headers=ADMIN).status_code == 422
    body["value"] = "100"
    assert client.post("/admin/discounts", json=body, headers=ADMIN).status_code == 201
