import atexit
import os
import shutil
import tempfile

import pytest

_tmp = tempfile.mkdtemp(prefix="events-tests-")
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
os.environ["EVENTS_DATABASE_URL"] = f"sqlite:///{_tmp}/events.db"
os.environ["EVENTS_JWT_SECRET"] = "test-secret-that-is-long-enough-for-hs256"

from fastapi.testclient import TestClient  # noqa: E402

from events.db import Base, engine  # noqa: E402
from events.main import app  # noqa: E402


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client
    Base.metadata.drop_all(engine)


def login(client, username, password="password123"):
    client.post("/accounts", json={"username": username, "password": password})
    token = client.post("/token", json={"username": username, "password": password}).json()["access_token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def alice(client):
    return login(client, "alice")


@pytest.fixture
def bob(client):
    return login(client, "bob")


@pytest.fixture
def meetup(client, alice):
    return client.post("/events", json={"title": "Python meetup", "capacity": 2}, headers=alice).json()
