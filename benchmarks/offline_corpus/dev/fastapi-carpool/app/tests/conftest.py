import json
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from carpool.main import app, get_now

USERS = [
    {"name": "dana", "token": "tok-dana"},
    {"name": "eli", "token": "tok-eli"},
    {"name": "fay", "token": "tok-fay"},
    {"name": "root", "token": "tok-root", "is_admin": True},
]
NOW = datetime(2026, 6, 1, 8, 0)


def auth(name):
    return {"Authorization": f"Bearer tok-{name}"}


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("CARPOOL_DATABASE_URL", f"sqlite:///{tmp_path / 'carpool.db'}")
    monkeypatch.setenv("CARPOOL_USERS", json.dumps(USERS))
    monkeypatch.setenv("CARPOOL_CANCEL_CUTOFF_MINUTES", "60")
    app.dependency_overrides[get_now] = clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
def offer(client):
    def make(driver="dana", **fields):
        body = {
            "origin": "Leeds",
            "destination": "York",
            "departs_at": "2026-06-01T17:30:00+00:00",
            "seats": 3,
            "price": "4.50",
        }
        body.update(fields)
        response = client.post("/rides", json=body, headers=auth(driver))
        assert response.status_code == 201, response.text
        return response.json()

    return make
