from .conftest import ADMIN


def test_place_an_order(client, ada, order):
    response = order(ada, items=[("MUG", 2), ("PEN", 3)])

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert [(i["sku"], i["name"], i["quantity"], i["unit_price"], i["line_total"]) for i in body["items"]] == [
        ("MUG", "Mug", 2, "8.50", "17.00"),
        ("PEN", "Pen", 3, "1.25", "3.75"),
    ]
    assert (body["subtotal"], body["discount"], body["total"]) == ("20.75", "0.00", "20.75")
    assert body["discount_code"] is None
    assert body["created_at"].startswith("2031-03-15T10:30")


def test_orders_need_an_api_key(client, products):
    response = client.post("/orders", json={"items": [{"sku": "MUG", "quantity": 1}]})

    assert response.status_code == 401


def test_order_validation(client, ada, order):
    assert order(ada, items=[("NOPE", 1)]).status_code == 422
    assert order(ada, items=[("MUG", 1), ("MUG", 2)]).status_code == 422
    assert order(ada, items=[("MUG", 0)]).status_code == 422
    assert order(ada, items=[]).status_code == 422
    assert client.get("/orders", headers=ada).json() == []


def test_quantity_is_capped_at_100(client, ada, order):
    assert order(ada, items=[("PEN", 101)]).status_code == 422
    response = order(ada, items=[("PEN", 100)])
    assert response.status_code == 201
    assert response.json()["total"] == "125.00"


def test_list_shows_own_orders_newest_first(client, ada, bob, order):
    first = order(ada).json()
    order(bob)
    second = order(ada, items=[("TEE", 1)]).json()

    response = client.get("/orders", headers=ada)

    assert [o["id"] for o in response.json()] == [second["id"], first["id"]]


def test_list_filters_by_status(client, ada, order):
    paid = order(ada).json()
    order(ada)
    client.post(f"/orders/{paid['id']}/pay", headers=ada)

    response = client.get("/orders", params={"status": "paid"}, headers=ada)

    assert [o["id"] for o in response.json()] == [paid["id"]]
    assert client.get("/orders", params={"status": "lost"}, headers=ada).status_code == 422


def test_other_customers_orders_are_404(client, ada, bob, order):
    placed = order(ada).json()

    assert client.get(f"/orders/{placed['id']}", headers=ada).status_code == 200
    assert client.get(f"/orders/{placed['id']}", headers=bob).status_code == 404
    assert client.post(f"/orders/{placed['id']}/pay", headers=bob).status_code == 404
    assert client.post(f"/orders/{placed['id']}/cancel", headers=bob).status_code == 404
    assert client.get("/orders/999", headers=ada).status_code == 404
    assert client.get(f"/orders/{placed['id']}", headers=ada).json()["status"] == "pending"


def test_pay_then_ship(client, ada, order):
    placed = order(ada).json()

    paid = client.post(f"/orders/{placed['id']}/pay", headers=ada)
    shipped = client.post(f"/admin/orders/{placed['id']}/ship", headers=ADMIN)

    assert paid.status_code == 200
    assert paid.json()["status"] == "paid"
    assert shipped.status_code == 200
    assert shipped.json()["status"] == "shipped"
    assert client.get(f"/orders/{placed['id']}", headers=ada).json()["status"] == "shipped"


def test_pay_only_pending_orders(client, ada, order):
    placed = order(ada).json()
    client.post(f"/orders/{placed['id']}/pay", headers=ada)

    assert client.post(f"/orders/{placed['id']}/pay", headers=ada).status_code == 409


def test_ship_only_paid_orders(client, ada, order):
    placed = order(ada).json()

    assert client.post(f"/admin/orders/{placed['id']}/ship", headers=ADMIN).status_code == 409
    assert client.post("/admin/orders/999/ship", headers=ADMIN).status_code == 404
    assert client.post(f"/admin/orders/{placed['id']}/ship", headers=ada).status_code == 401
    assert client.get(f"/orders/{placed['id']}", headers=ada).json()["status"] == "pending"


def test_cancel_a_pending_order(client, ada, order):
    placed = order(ada).json()

    response = client.post(f"/orders/{placed['id']}/cancel", headers=ada)

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert client.post(f"/orders/{placed['id']}/cancel", headers=ada).status_code == 409
    assert client.post(f"/orders/{placed['id']}/pay", headers=ada).status_code == 409


def test_cancel_only_from_pending(client, ada, order):
    paid = order(ada).json()
    shipped = order(ada).json()
    for placed in (paid, shipped):
        client.post(f"/orders/{placed['id']}/pay", headers=ada)
    client.post(f"/admin/orders/{shipped['id']}/ship", headers=ADMIN)

    assert client.post(f"/orders/{paid['id']}/cancel", headers=ada).status_code == 409
    assert client.post(f"/orders/{shipped['id']}/cancel", headers=ada).status_code == 409
    assert client.get(f"/orders/{paid['id']}", headers=ada).json()["status"] == "paid"
