from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient

from labsamples import Caller, create_app

KEYS = {
    "k-alice": Caller("alice", "north", "technician"),
    "k-vic": Caller("vic", "north", "viewer"),
    "k-sue": Caller("sue", "north", "supervisor"),
    "k-bob": Caller("bob", "south", "technician"),
}


class Clock:
    def __init__(self):
        self.now = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


def headers(name):
    return {"X-API-Key": f"k-{name}"}


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def client(clock):
    with TestClient(create_app(KEYS, clock=clock, max_age_hours=48)) as client:
        yield client


@pytest.fixture
def make_sample(client):
    def make(code="S-001", user="alice", collected_at="2026-05-04T09:00:00+00:00", kind="blood"):
        response = client.post(
            "/samples", json={"code": code, "kind": kind, "collected_at": collected_at}, headers=headers(user)
        )
        assert response.status_code == 201, response.text
        return response.json()

    return make
