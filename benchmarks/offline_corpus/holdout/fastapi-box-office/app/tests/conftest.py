from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from boxoffice import create_app, get_clock

ORGANIZER = {"X-API-Key": "org-key-1"}
SELLER = {"X-API-Key": "seller-key-2"}
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(monkeypatch, clock):
    monkeypatch.setenv("BOXOFFICE_ORGANIZER_KEY", "org-key-1")
    monkeypatch.setenv("BOXOFFICE_SELLER_KEYS", "seller-key-1, seller-key-2")
    app = create_app()
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as client:
        yield client


@pytest.fixture
def make_event(client):
    def make_event(name="Quiz night", days=7, capacity=10, price="12.50"):
        body = {"name": name, "starts_at": (NOW + timedelta(days=days)).isoformat(), "capacity": capacity,
                "price": price}
        response = client.post("/events", json=body, headers=ORGANIZER)
        assert response.status_code == 201, response.text
        return response.json()

    return make_event


@pytest.fixture
def buy(client):
    def buy(event_id, quantity=1, headers=None, email="fan@example.com"):
        return client.post(f"/events/{event_id}/orders", json={"buyer_email": email, "quantity": quantity},
                           headers={**SELLER, **(headers or {})})

    return buy
