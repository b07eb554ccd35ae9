import pytest

from shop.db import get_db
from conftest import BEANS, FILTERS, KETTLE, MUG, cart_of


def test_index_lists_products_with_prices(client):
    page = client.get("/").get_data(as_text=True)
    assert "Espresso beans, 1 kg" in page
    assert "$24.50" in page
    assert "$59.00" in page
    assert "$4.05" in page
    assert "Out of stock" in page


def test_product_page(client):
    page = client.get(f"/products/{KETTLE}").get_data(as_text=True)
    assert "Pour-over kettle" in page
    assert "$59.00" in page
    assert "3 in stock" in page


def test_missing_product_is_404(client):
    assert client.get("/products/99").status_code == 404
    assert client.post("/cart/add/99", data={"quantity": "1"}).status_code == 404


def test_add_to_cart(client):
    response = client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/cart"
    assert cart_of(client) == {str(BEANS): 2}

    page = client.get("/cart").get_data(as_text=True)
    assert "Added 2 x Espresso beans, 1 kg to your cart." in page
    assert "$49.00" in page


@pytest.mark.parametrize("quantity", ["1", "10"])
def test_add_quantity_bounds_accepted(client, quantity):
    client.post(f"/cart/add/{FILTERS}", data={"quantity": quantity})
    assert cart_of(client) == {str(FILTERS): int(quantity)}


@pytest.mark.parametrize("quantity", ["0", "11", "-1", "", "two"])
def test_add_quantity_out_of_range_is_refused(client, quantity):
    response = client.post(f"/cart/add/{FILTERS}", data={"quantity": quantity})
    assert response.headers["Location"] == f"/products/{FILTERS}"
    assert cart_of(client) == {}


def test_add_quantity_message(client):
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "11"})
    page = client.get(f"/products/{FILTERS}").get_data(as_text=True)
    assert "Choose a quantity from 1 to 10." in page


def test_adding_again_sums_quantities(client):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "1"})
    client.post(f"/cart/add/{BEANS}", data={"quantity": "3"})
    assert cart_of(client) == {str(BEANS): 5, str(FILTERS): 1}


def test_adding_again_is_capped_at_stock(client):
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "2"})
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "2"})
    assert cart_of(client) == {str(KETTLE): 3}
    assert "Only 3 of Pour-over kettle in stock" in client.get("/cart").get_data(as_text=True)


def test_adding_more_than_stock_at_once_is_capped(client):
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "5"})
    assert cart_of(client) == {str(KETTLE): 3}


def test_out_of_stock_product_is_not_added(client):
    response = client.post(f"/cart/add/{MUG}", data={"quantity": "1"})
    assert response.headers["Location"] == f"/products/{MUG}"
    assert cart_of(client) == {}
    assert "Sorry, Ceramic mug is out of stock." in client.get(f"/products/{MUG}").get_data(as_text=True)


def test_update_quantity(client):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    response = client.post(f"/cart/update/{BEANS}", data={"quantity": "7"})
    assert response.headers["Location"] == "/cart"
    assert cart_of(client) == {str(BEANS): 7}


def test_update_is_capped_at_stock(client):
    client.post(f"/cart/add/{KETTLE}", data={"quantity": "1"})
    client.post(f"/cart/update/{KETTLE}", data={"quantity": "9"})
    assert cart_of(client) == {str(KETTLE): 3}


@pytest.mark.parametrize("quantity", ["0", "11"])
def test_update_out_of_range_keeps_the_line(client, quantity):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/update/{BEANS}", data={"quantity": quantity})
    assert cart_of(client) == {str(BEANS): 2}


def test_update_a_product_not_in_the_cart_is_404(client):
    assert client.post(f"/cart/update/{BEANS}", data={"quantity": "1"}).status_code == 404


def test_remove_from_cart(client):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "3"})
    response = client.post(f"/cart/remove/{BEANS}")
    assert response.headers["Location"] == "/cart"
    assert cart_of(client) == {str(FILTERS): 3}


def test_cart_total(client):
    client.post(f"/cart/add/{BEANS}", data={"quantity": "2"})
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "3"})
    page = client.get("/cart").get_data(as_text=True)
    assert "$12.15" in page
    assert "Total: $61.15" in page


def test_cart_drops_products_that_left_the_catalogue(client, app):
    client.post(f"/cart/add/{FILTERS}", data={"quantity": "3"})
    with app.app_context():
        db = get_db()
        db.execute("DELETE FROM order_line")
        db.execute("DELETE FROM product WHERE id = ?", (FILTERS,))
        db.commit()
    page = client.get("/cart").get_data(as_text=True)
    assert "Your cart is empty." in page


def test_empty_cart(client):
    assert "Your cart is empty." in client.get("/cart").get_data(as_text=True)
