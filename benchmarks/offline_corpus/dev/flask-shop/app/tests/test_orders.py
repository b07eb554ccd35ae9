from conftest import BEANS

ADDRESS = {"ship_to": "Alice Liddell", "address": "12 High Street, Oxford OX1 4AA"}


def test_orders_require_login(client):
    assert client.get("/orders/").headers["Location"] == "/auth/login?next=/orders/"
    assert client.get("/orders/1").headers["Location"] == "/auth/login?next=/orders/1"


def test_history_starts_empty(client, auth):
    auth.login()
    page = client.get("/orders/").get_data(as_text=True)
    assert "You have not ordered anything yet." in page
    assert "Order #1" not in page


def test_history_lists_own_orders(client, auth):
    auth.login("bob", "bob-pass-22")
    page = client.get("/orders/").get_data(as_text=True)
    assert "Order #1" in page
    assert "2026-01-05" in page
    assert "$8.10" in page


def test_history_after_checkout(client, auth):
    auth.login()
    client.post(f"/cart/add/{BEANS}", data={"quantity": "3"})
    client.post("/checkout", data=ADDRESS)
    page = client.get("/orders/").get_data(as_text=True)
    assert "Order #2" in page
    assert "$73.50" in page
    assert "Order #1" not in page


def test_order_detail(client, auth):
    auth.login("bob", "bob-pass-22")
    response = client.get("/orders/1")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "2 x Paper filters (100)" in page
    assert "$4.05" in page
    assert "Total: $8.10" in page
    assert "1 Side Street, Springfield" in page


def test_someone_elses_order_is_404(client, auth):
    auth.login()
    assert client.get("/orders/1").status_code == 404


def test_missing_order_is_404(client, auth):
    auth.login()
    assert client.get("/orders/42").status_code == 404
