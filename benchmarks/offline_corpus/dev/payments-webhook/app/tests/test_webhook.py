import pytest

from tests.conftest import event


def test_payment_marks_order_paid(client, deliver):
    response = deliver(event())
    assert response.status_code == 200
    assert response.get_json() == {"status": "processed", "order_status": "paid"}
    assert client.get("/orders/ord_1").get_json() == {"status": "paid", "paid": "50.00", "total": "50.00"}


def test_partial_payment(client, deliver):
    assert deliver(event(amount="20.00")).get_json()["order_status"] == "partially_paid"
    assert deliver(event("evt_2", amount="30.00")).get_json()["order_status"] == "paid"


def test_duplicate_delivery_is_processed_once(client, deliver):
    deliver(event(amount="20.00"))
    response = deliver(event(amount="20.00"))
    assert response.status_code == 200
    assert response.get_json() == {"status": "duplicate"}
    assert client.get("/orders/ord_1").get_json()["paid"] == "20.00"


def test_refund(client, deliver):
    deliver(event())
    response = deliver(event("evt_2", "payment.refunded", "50.00"))
    assert response.get_json()["order_status"] == "refunded"
    assert client.get("/orders/ord_1").get_json()["paid"] == "0.00"


def test_partial_refund(client, deliver):
    deliver(event())
    assert deliver(event("evt_2", "payment.refunded", "10.00")).get_json()["order_status"] == "partially_paid"


def test_refund_more_than_paid(client, deliver):
    deliver(event(amount="10.00"))
    assert deliver(event("evt_2", "payment.refunded", "10.01")).status_code == 409
    assert client.get("/orders/ord_1").get_json()["paid"] == "10.00"


def test_wrong_secret_is_rejected(client, deliver):
    response = deliver(event(), secret="someone-else")
    assert response.status_code == 401
    assert response.get_json() == {"error": "signature mismatch"}
    assert client.get("/orders/ord_1").get_json()["status"] == "pending"


def test_old_timestamp_is_rejected(deliver):
    assert deliver(event(), timestamp="1000").status_code == 401


def test_unsigned_request_is_rejected(client):
    response = client.post("/webhooks/payments", json=event())
    assert response.status_code == 401
    assert response.get_json() == {"error": "missing signature headers"}


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"type": "payment.succeeded"}, 400),
        (event(type_="payment.disputed"), 400),
        (event(amount="-5"), 400),
        (event(amount="0"), 400),
        (event(amount="lots"), 400),
        (event(order_id="ord_404"), 404),
    ],
)
def test_bad_events(client, deliver, payload, status):
    assert deliver(payload).status_code == status
    assert client.get("/orders/ord_1").get_json()["paid"] == "0"


def test_rejected_event_can_be_redelivered(client, deliver, orders):
    assert deliver(event(order_id="ord_2")).status_code == 404
    orders["ord_2"] = {"total": orders["ord_1"]["total"], "paid": orders["ord_1"]["paid"], "status": "pending"}
    assert deliver(event(order_id="ord_2")).get_json()["status"] == "processed"


def test_secret_is_required(monkeypatch):
    from payhook import create_app

    monkeypatch.delenv("PAYHOOK_SECRET", raising=False)
    with pytest.raises(KeyError):
        create_app()
