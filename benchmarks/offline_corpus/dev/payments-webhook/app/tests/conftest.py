import json
import time
from decimal import Decimal

import pytest

from payhook import create_app
from payhook.signature import sign

SECRET = "whsec_test_123"


@pytest.fixture
def orders():
    return {"ord_1": {"total": Decimal("50.00"), "paid": Decimal("0"), "status": "pending"}}


@pytest.fixture
def client(monkeypatch, orders):
    monkeypatch.setenv("PAYHOOK_SECRET", SECRET)
    return create_app(orders).test_client()


@pytest.fixture
def deliver(client):
    """POST an event the way the provider does: signed with the shared secret, stamped now."""

    def _deliver(event, secret=SECRET, timestamp=None, signature=None):
        body = json.dumps(event).encode()
        ts = str(int(time.time())) if timestamp is None else timestamp
        headers = {"X-Timestamp": ts, "X-Signature": signature or sign(secret, ts, body)}
        return client.post("/webhooks/payments", data=body, headers=headers, content_type="application/json")

    return _deliver


def event(event_id="evt_1", type_="payment.succeeded", amount="50.00", order_id="ord_1"):
    return {"id": event_id, "type": type_, "data": {"order_id": order_id, "amount": amount}}
