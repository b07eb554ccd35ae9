import os
import tempfile
from datetime import date, datetime, timezone

import pytest

DB_PATH = os.path.join(tempfile.mkdtemp(), "orderdesk-test.db")
os.environ.setdefault("ORDERDESK_DATABASE_URL", f"sqlite+aiosqlite:///{DB_PATH}")
os.environ.setdefault("ORDERDESK_ADMIN_TOKEN", "admin-secret")

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from orderdesk.db import Base  # noqa: E402
from orderdesk.deps import get_now  # noqa: E402
from orderdesk.main import app  # noqa: E402

ADMIN = {"X-Admin-Token": "admin-secret"}
TODAY = date(2031, 3, 15)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2031, 3, 15, 10, 30, tzinfo=timezone.utc)

    def set_day(self, day: date) -> None:
        self.now = self.now.replace(year=day.year, month=day.month, day=day.day)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(clock):
    sync_engine = create_engine(f"sqlite:///{DB_PATH}")
    Base.metadata.drop_all(sync_engine)
    sync_engine.dispose()
    app.dependency_overrides[get_now] = lambda: clock.now
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
def customer(client):
    def make(name="Ada", email=None):
        email = email or f"{name.lower()}@example.com"
        response = client.post("/admin/customers", json={"name": name, "email": email}, headers=ADMIN)
        assert response.status_code == 201, response.text
        return {"X-Api-Key": response.json()["api_key"]}

    return make


@pytest.fixture
def ada(customer):
    return customer("Ada")


@pytest.fixture
def bob(customer):
    return customer("Bob")


@pytest.fixture
def products(client):
    for sku, name, price in (("MUG", "Mug", "8.50"), ("TEE", "T-shirt", "19.99"), ("PEN", "Pen", "1.25")):
        response = client.post("/admin/products", json={"sku": sku, "name": name, "price": price}, headers=ADMIN)
        assert response.status_code == 201, response.text


@pytest.fixture
def discount(client):
    def make(code, kind, value, min_order="0", expires_on=TODAY):
        body = {"code": code, "kind": kind, "value": value, "min_order": min_order, "expires_on": expires_on.isoformat()}
        response = client.post("/admin/discounts", json=body, headers=ADMIN)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def order(client, products):
    def place(headers, items=(("MUG", 2),), code=None):
        body = {"items": [{"sku": sku, "quantity": quantity} for sku, quantity in items]}
        if code is not None:
            body["discount_code"] = code
        return client.post("/orders", json=body, headers=headers)

    return place
