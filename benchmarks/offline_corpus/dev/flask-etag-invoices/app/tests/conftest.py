import base64
from datetime import datetime, timezone

import pytest

from invoices import create_app
from invoices.auth import create_user
from invoices.db import connect


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def clock():
    return Clock(datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc))


@pytest.fixture
def app(tmp_path, clock):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "invoices.sqlite"), "CLOCK": clock})
    conn = connect(app.config["DATABASE"])
    for name in ("alice", "bob"):
        create_user(conn, name, f"{name}-password", method="pbkdf2:sha256:1000")
    conn.close()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def alice():
    return basic("alice", "alice-password")


@pytest.fixture
def bob():
    return basic("bob", "bob-password")


LINE = {"description": "Consulting", "quantity": "2", "unit_price": "150.00", "tax_rate": "0.20"}


@pytest.fixture
def make_invoice(client, alice):
    def make_invoice(customer="ACME Ltd", lines=(LINE,), headers=None):
        response = client.post("/invoices", json={"customer": customer, "lines": list(lines)}, headers=headers or alice)
        assert response.status_code == 201, response.get_json()
        return response.get_json(), response.headers["ETag"]

    return make_invoice
