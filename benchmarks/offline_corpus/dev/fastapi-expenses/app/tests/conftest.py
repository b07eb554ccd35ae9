import os
import tempfile

import pytest
from fastapi.testclient import TestClient

# The engine is made when expenses.db is imported, so point it at a throw-away file first.
_tmp = tempfile.mkdtemp(prefix="expenses-tests-")
os.environ["EXPENSES_DATABASE_URL"] = f"sqlite:///{_tmp}/expenses.db"

from sqlmodel import SQLModel  # noqa: E402

from expenses.db import engine  # noqa: E402
from expenses.main import app  # noqa: E402

PASSWORD = "correct horse"


@pytest.fixture
def client():
    # Entering the client runs the lifespan handler, which creates the tables.
    with TestClient(app) as client:
        yield client
    SQLModel.metadata.drop_all(engine)


@pytest.fixture
def make_user(client):
    def make(username, password=PASSWORD):
        response = client.post("/users", json={"username": username, "password": password})
        assert response.status_code == 201, response.text
        return (username, password)

    return make


@pytest.fixture
def alice(make_user):
    return make_user("alice")


@pytest.fixture
def bob(make_user):
    return make_user("bob")


@pytest.fixture
def carol(make_user):
    return make_user("carol")


@pytest.fixture
def dave(make_user):
    return make_user("dave")


@pytest.fixture
def trip(client, alice, bob, carol):
    """A group made by alice with bob and carol as members."""
    response = client.post("/groups", json={"name": "Lisbon trip", "members": ["bob", "carol"]}, auth=alice)
    assert response.status_code == 201, response.text
    return response.json()


def add_expense(client, user, group, amount_cents, description="Dinner", split_between=None):
    body = {"description": description, "amount_cents": amount_cents}
    if split_between is not None:
        body["split_between"] = split_between
    return client.post(f"/groups/{group['id']}/expenses", json=body, auth=user)


def balances(client, user, group):
    response = client.get(f"/groups/{group['id']}/balances", auth=user)
    assert response.status_code == 200, response.text
    return {row["username"]: row["balance_cents"] for row in response.json()}
