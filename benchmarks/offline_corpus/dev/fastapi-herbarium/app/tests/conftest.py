import pytest
from fastapi.testclient import TestClient

from herbarium.main import app

CURATOR = {"X-Auth-Token": "t-carla"}
ANA = {"X-Auth-Token": "t-ana"}
BEN = {"X-Auth-Token": "t-ben"}


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setenv("HERBARIUM_TOKENS", "t-carla=carla, t-ana=ana , t-ben=ben")
    monkeypatch.setenv("HERBARIUM_ADMINS", "carla")
    with TestClient(app) as c:
        yield c


def specimen(**overrides):
    body = {
        "species": "Saxifraga oppositifolia",
        "family": "Saxifragaceae",
        "country": "ch",
        "collected_on": "2025-07-14",
        "elevation_m": 2400,
    }
    body.update(overrides)
    return body


def create(client, headers=ANA, **overrides):
    r = client.post("/specimens", json=specimen(**overrides), headers=headers)
    assert r.status_code == 201, r.json()
    return r.json()
