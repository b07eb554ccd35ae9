import json
from datetime import datetime, timedelta, timezone

import pytest
from starlette.testclient import TestClient

from coldchain import create_app
from coldchain.signing import sign

ADMIN = {"Authorization": "Bearer admin-token"}


class Clock:
    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kwargs) -> None:
        self.at += timedelta(**kwargs)


@pytest.fixture
def clock():
    return Clock(datetime(2026, 7, 1, 8, 0, tzinfo=timezone.utc))


@pytest.fixture
def http(tmp_path, clock):
    app = create_app(database_url=f"sqlite:///{tmp_path / 'coldchain.db'}", admin_token="admin-token", clock=clock)
    with TestClient(app) as client:
        yield client


class Signed:
    """Sends requests signed as one API client, timestamped by the test clock."""

    def __init__(self, http, clock, client_id, secret):
        self.http, self.clock = http, clock
        self.client_id, self.secret = client_id, secret

    def headers(self, method, target, body=b"", timestamp=None):
        ts = str(int(self.clock().timestamp())) if timestamp is None else str(timestamp)
        return {
            "X-Client-Id": self.client_id,
            "X-Timestamp": ts,
            "X-Signature": sign(self.secret, ts, method, target, body),
            "Content-Type": "application/json",
        }

    def request(self, method, target, json_body=None):
        body = b"" if json_body is None else json.dumps(json_body).encode()
        return self.http.request(method, target, content=body, headers=self.headers(method, target, body))

    def get(self, target):
        return self.request("GET", target)

    def post(self, target, json_body=None):
        return self.request("POST", target, json_body)


def new_client(http, clock, carrier):
    r = http.post("/admin/clients", json={"carrier": carrier}, headers=ADMIN)
    assert r.status_code == 201, r.text
    body = r.json()
    return Signed(http, clock, body["client_id"], body["secret"])


@pytest.fixture
def polar(http, clock):
    return new_client(http, clock, "Polar Freight")


@pytest.fixture
def frost(http, clock):
    return new_client(http, clock, "Frostline")


def shipment(api, reference="SHP-1", **extra):
    r = api.post("/shipments", {"reference": reference, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def in_transit(api, reference="SHP-1", **extra):
    sid = shipment(api, reference, **extra)["id"]
    assert api.post(f"/shipments/{sid}/dispatch").status_code == 200
    return sid


def at(clock, minutes):
    """An ISO timestamp `minutes` after the clock's current time."""
    return (clock() + timedelta(minutes=minutes)).isoformat()
