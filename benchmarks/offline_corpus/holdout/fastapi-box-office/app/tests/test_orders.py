from datetime import timedelta

from .conftest import NOW


def test_order_totals_include_half_up_fee(make_event, buy):
    event = make_event(price="12.50")
    order = buy(event["id"], quantity=1).json()
    assert order["subtotal"] == "12.50"
    assert order["fee"] == "0.63"
    assert order["total"] == "13.13"
    assert order["status"] == "paid"


def test_order_reduces_seats(client, make_event, buy):
    event = make_event(capacity=10)
    assert buy(event["id"], quantity=4).status_code == 201
    assert client.get(f"/events/{event['id']}").json()["seats_left"] == 6


def test_quantity_limits(make_event, buy):
    event = make_event(capacity=20)
    assert buy(event["id"], quantity=0).status_code == 422
    assert buy(event["id"], quantity=7).status_code == 422
    assert buy(event["id"], quantity=6).status_code == 201


def test_last_seats_can_be_sold_then_sold_out(make_event, buy):
    event = make_event(capacity=3)
    assert buy(event["id"], quantity=4).status_code == 409
    assert buy(event["id"], quantity=3).status_code == 201
    assert buy(event["id"], quantity=1).status_code == 409


def test_sales_close_at_start_time(clock, make_event, buy):
    event = make_event(days=1)
    clock.now = NOW + timedelta(days=1) - timedelta(seconds=1)
    assert buy(event["id"]).status_code == 201
    clock.now = NOW + timedelta(days=1)
    assert buy(event["id"]).status_code == 409


def test_idempotency_key_replays_the_order(client, make_event, buy):
    event = make_event(capacity=10)
    first = buy(event["id"], quantity=2, headers={"Idempotency-Key": "abc"})
    again = buy(event["id"], quantity=2, headers={"Idempotency-Key": "abc"})
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert client.get(f"/events/{event['id']}").json()["seats_left"] == 8


def test_refund_restores_seats_once(client, make_event, buy):
    event = make_event(capacity=5)
    order = buy(event["id"], quantity=2).json()
    refunded = client.post(f"/orders/{order['id']}/refund", headers={"X-API-Key": "seller-key-1"})
    assert refunded.status_code == 200
    assert refunded.json()["status"] == "refunded"
    assert client.get(f"/events/{event['id']}").json()["seats_left"] == 5
    again = client.post(f"/orders/{order['id']}/refund", headers={"X-API-Key": "seller-key-1"})
    assert again.status_code == 409
    assert client.get(f"/events/{event['id']}").json()["seats_left"] == 5


def test_refunds_close_48_hours_before_start(client, clock, make_event, buy):
    event = make_event(days=5)
    first = buy(event["id"]).json()
    second = buy(event["id"]).json()
    clock.now = NOW + timedelta(days=3)
    assert client.post(f"/orders/{first['id']}/refund", headers={"X-API-Key": "seller-key-1"}).status_code == 200
    clock.now = NOW + timedelta(days=3, seconds=1)
    assert client.post(f"/orders/{second['id']}/refund", headers={"X-API-Key": "seller-key-1"}).status_code == 409


def test_refund_unknown_order_404(client):
    assert client.post("/orders/999/refund", headers={"X-API-Key": "seller-key-1"}).status_code == 404
