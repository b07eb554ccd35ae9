import pytest

from shop.db import get_db
from conftest import BEANS, FILTERS, KETTLE, cart_of, stock_of

ADDRESS = {"ship_to": "Alice Liddell", "address": "12 High Street, Oxford OX1 4AA"}


def test_checkout_requires_login(client):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "1"})
    for response in (client.get("/checkout"), client.post("/checkout", data=ADDRESS)):
        assert response.status_code == 302
        assert response.headers["Location"] == "/auth/login?next=/checkout"
    assert stock_of(client.application, BEANS) == 12


def test_checkout_with_an_empty_cart(client, auth):
    auth.login()
    response = client.get("/checkout")
    assert response.headers["Location"] == "/cart"
    assert "Your cart is empty." in client.get("/cart").get_data(as_text=True)


def test_checkout_page_shows_the_total(client, auth):
    auth.login()
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "2"})
    page = client.get("/checkout").get_data(as_text=True)
    assert "2 x Pour-over kettle: $118.00" in page
    assert "Total: $118.00" in page


def test_checkout_places_the_order(client, auth, app):
    auth.login()
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "3"})

    response = client.post("/checkout", data=ADDRESS)
    assert response.status_code == 302
    assert response.headers["Location"] == "/orders/2"

    with app.app_context():
        db = get_db()
        order = db.execute("SELECT * FROM purchase WHERE id = 2").fetchone()
        lines = db.execute("SELECT product_id, quantity, price_cents FROM order_line WHERE purchase_id = 2 ORDER BY product_id").fetchall()
    assert order["customer_id"] == 1
    assert order["total_cents"] == 6115
    assert order["ship_to"] == "Alice Liddell"
    assert [tuple(line) for line in lines] == [(BEANS, 2, 2450), (FILTERS, 3, 405)]
    assert stock_of(app, BEANS) == 10
    assert stock_of(app, FILTERS) == 37


def test_checkout_empties_the_cart(client, auth):
    auth.login()
    client.post(f"/cart/add/{BEANS}", data={"quantity": "1"})
    client.post("/checkout", data=ADDRESS)
    assert cart_of(client) == {}
    page = client.get("/orders/2").get_data(as_text=True)
    assert "Thank you! Order #2 is on its way." in page


def test_checkout_can_buy_the_last_items(client, auth, app):
    auth.login()
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "3"})
    response = client.post("/checkout", data=ADDRESS)
    assert response.headers["Location"] == "/orders/2"
    assert stock_of(app, KETTLE) == 0


def test_checkout_refused_when_a_line_is_short(client, auth, app):
    auth.login()
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "3"})
    with app.app_context():
        db = get_db()
        db.execute("UPDATE product SET stock = 2 WHERE id = ?", (KETTLE,))
        db.commit()

    response = client.post("/checkout", data=ADDRESS)
    assert response.headers["Location"] == "/cart"
    page = client.get("/cart").get_data(as_text=True)
    assert "Sorry, there is not enough Pour-over kettle in stock for your order." in page

    # Nothing was taken: not even the beans line that came first.
    assert stock_of(app, BEANS) == 12
    assert stock_of(app, KETTLE) == 2
    with app.app_context():
        assert get_db().execute("SELECT COUNT(*) FROM purchase").fetchone()[0] == 1
    assert cart_of(client) == {str(BEANS): 2, str(KETTLE): 3}


@pytest.mark.parametrize(
    ("ship_to", "address", "message"),
    (
        ("", "12 High Street, Oxford", b"This field is required."),
        ("Alice", "", b"This field is required."),
        ("Alice", "Oxford", b"Field must be between 10 and 300 characters long."),
        ("A" * 81, "12 High Street, Oxford", b"Field cannot be longer than 80 characters."),
    ),
)
def test_checkout_validate_input(client, auth, app, ship_to, address, message):
    auth.login()
    client.post(f"/cart/add/{BEANS}", data={"quantity": "1"})
    response = client.post("/checkout", data={"ship_to": ship_to, "address": address})
    assert response.status_code == 200
    assert message in response.data
    assert stock_of(app, BEANS) == 12
