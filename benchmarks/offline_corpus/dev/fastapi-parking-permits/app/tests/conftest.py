from datetime import date

import pytest
from fastapi.testclient import TestClient

from permits import create_app

ADMIN = {"X-Admin-Token": "admin-secret"}


class Clock:
    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def clock():
    return Clock(date(2026, 3, 2))


@pytest.fixture
def client(tmp_path, clock):
    app = create_app(
        database_url=f"sqlite:///{tmp_path / 'permits.db'}",
        admin_token="admin-secret",
        clock=clock,
    )
    with TestClient(app) as c:
        yield c


def make_client(client, name):
    r = client.post("/clients", json={"name": name}, headers=ADMIN)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def make_key(client, client_id, scopes):
    r = client.post(f"/clients/{client_id}/keys", json={"scopes": scopes}, headers=ADMIN)
    assert r.status_code == 201, r.text
    return {"X-API-Key": r.json()["key"]}


ALL = ["permits:read", "permits:write", "permits:approve"]


@pytest.fixture
def acme(client):
    """Headers for a key of Acme Properties holding every scope."""
    return make_key(client, make_client(client, "Acme Properties"), ALL)


@pytest.fixture
def birch(client):
    """Headers for a key of Birch Lettings holding every scope."""
    return make_key(client, make_client(client, "Birch Lettings"), ALL)


def new_permit(client, headers, **overrides):
    body = {"plate": "AB12 CDE", "zone": "B", "starts_on": "2026-03-02", "ends_on": "2026-03-04"}
    body.update(overrides)
    return client.post("/permits", json=body, headers=headers)
