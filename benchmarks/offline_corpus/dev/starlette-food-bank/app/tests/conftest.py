from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from foodbank import create_app
from foodbank.db import add_volunteer

PASSWORD = "tins-and-jars"


class FakeClock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **kwargs):
        self.moment += timedelta(**kwargs)

    def set(self, moment):
        self.moment = moment


@pytest.fixture(autouse=True)
def fast_hashing(monkeypatch):
    monkeypatch.setattr("foodbank.db.PASSWORD_ITERATIONS", 1_000)


@pytest.fixture
def clock():
    # Wednesday 9 June 2027, 10:00 UTC
    return FakeClock(datetime(2027, 6, 9, 10, 0, tzinfo=UTC))


@pytest.fixture
def database(tmp_path):
    path = str(tmp_path / "foodbank.sqlite")
    return path


@pytest.fixture
def app(database, clock):
    app = create_app(database=database, secret_key="test-secret", clock=clock)
    ids = {
        "ann": add_volunteer(database, "ann", PASSWORD, "north", coordinator=True),
        "bob": add_volunteer(database, "bob", PASSWORD, "north"),
        "dee": add_volunteer(database, "dee", PASSWORD, "north"),
        "cat": add_volunteer(database, "cat", PASSWORD, "south"),
    }
    app.state.volunteer_ids = ids
    return app


@pytest.fixture
def volunteer(app):
    clients = {}

    def signed_in(name):
        if name not in clients:
            client = TestClient(app)
            response = client.post("/login", data={"username": name, "password": PASSWORD})
            assert response.status_code == 200, response.text
            clients[name] = client
        return clients[name]

    return signed_in


@pytest.fixture
def bob(volunteer):
    return volunteer("bob")


def new_household(client, name="Okafor", size=1):
    response = client.post("/households", json={"name": name, "size": size})
    assert response.status_code == 201, response.text
    return response.json()


def visit(client, household_id, *items):
    basket = [{"item": item, "qty": qty} for item, qty in items]
    return client.post(f"/households/{household_id}/visits", json={"items": basket})
