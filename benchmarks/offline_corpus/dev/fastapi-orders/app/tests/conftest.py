import pytest
from fastapi.testclient import TestClient

from orders import create_app

ALICE = {"X-User-Id": "alice"}
BOB = {"X-User-Id": "bob"}


@pytest.fixture
def client(monkeypatch):
    monkeypatch.delenv("ORDERS_DISCOUNT_CODES", raising=False)
    with TestClient(create_app()) as client:
        yield client


def place(client, headers=ALICE, items=None, discount_code=None):
    body = {"items": items or [{"sku": "MUG-1", "quantity": 2, "unit_price_cents": 1250}]}
    if discount_code is not None:
        body["discount_code"] = discount_code
    return client.post("/orders", json=body, headers=headers)
