from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from flags.app import create_app

ADMIN_KEY = "adm-7f3c9e"
READER_KEY = "rdr-42b1d0"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
READER = {"Authorization": f"Bearer {READER_KEY}"}


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def app(monkeypatch, clock):
    monkeypatch.setenv("FLAGS_API_KEYS", f"{ADMIN_KEY}=admin, {READER_KEY}=reader")
    return create_app(clock=clock)


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture
def make_flag(client):
    def make(name="new-checkout", **body):
        response = client.post("/api/flags", json={"name": name, **body}, headers=ADMIN)
        assert response.status_code == 201, response.text
        return response.json()

    return make


@pytest.fixture
def configure(client):
    def set_env(name, env, **config):
        response = client.patch(f"/api/flags/{name}/environments/{env}", json=config, headers=ADMIN)
        assert response.status_code == 200, response.text
        return response.json()

    return set_env


def evaluate(client, user, env, headers=READER):
    response = client.get("/api/evaluate", params={"user": user, "env": env}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["flags"]
