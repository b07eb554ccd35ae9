from datetime import date

import pytest

from coupons import create_app
from coupons.models import add_api_key


class Clock:
    def __init__(self):
        self.today = date(2026, 7, 1)

    def __call__(self):
        return self.today


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def app(tmp_path, clock):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}", "CLOCK": clock})
    yield app


@pytest.fixture
def keys(app):
    with app.app_context():
        return {
            "manager": {"X-API-Key": add_api_key("acme", "manager")},
            "staff": {"X-API-Key": add_api_key("acme", "staff")},
            "rival": {"X-API-Key": add_api_key("globex", "manager")},
        }


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def coupon(client, keys):
    def make(code="SUMMER10", who="manager", **fields):
        body = {"code": code, "kind": "percent", "value": 10, "expires_on": "2026-07-31", "max_redemptions": 3}
        body.update(fields)
        response = client.post("/api/coupons", json=body, headers=keys[who])
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make
