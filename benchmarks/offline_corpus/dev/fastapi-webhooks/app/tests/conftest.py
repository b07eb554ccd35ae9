import hashlib
import hmac
import json
import time

import pytest
from fastapi.testclient import TestClient

SECRET = "whsec_test_secret"
ADMIN_KEY = "admin-key-for-tests"


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("BILLING_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("BILLING_ADMIN_API_KEY", ADMIN_KEY)
    monkeypatch.setenv("BILLING_DATABASE", str(tmp_path / "billing.sqlite3"))
    from billing.app import app

    with TestClient(app) as client:
        yield client


def sign(payload: bytes, timestamp: int | None = None, secret: str = SECRET) -> str:
    """The header as the provider's docs describe it: hex HMAC-SHA256 of "<timestamp>.<body>"."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def subscription_event(event_id, kind, sub_id="sub_1", period_end=1_700_000_000, created=1_699_000_000, **fields):
    obj = {"id": sub_id, "customer": "cus_1", "plan": "pro", "current_period_end": period_end, **fields}
    return {"id": event_id, "type": kind, "created": created, "data": {"object": obj}}


class Provider:
    """Sends events the way the payment provider does: JSON body, signed header."""

    def __init__(self, client):
        self.client = client

    def send(self, event, timestamp=None, secret=SECRET):
        payload = json.dumps(event).encode()
        return self.client.post(
            "/webhooks/billing",
            content=payload,
            headers={"Content-Type": "application/json", "Billing-Signature": sign(payload, timestamp, secret)},
        )


@pytest.fixture
def provider(client):
    return Provider(client)


@pytest.fixture
def admin_headers():
    return {"X-Admin-Key": ADMIN_KEY}
