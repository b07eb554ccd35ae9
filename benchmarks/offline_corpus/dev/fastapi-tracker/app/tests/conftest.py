import json
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tracker.deps import get_clock
from tracker.main import app
from tracker.settings import get_settings

PASSWORD = "s3cret-pass"
ALL = ["issues:read", "issues:write", "projects:admin"]
RW = ["issues:read", "issues:write"]

USERS = {
    "olive": ALL,
    "mike": RW,
    "rita": RW,
    "rex": RW,
    "nora": ALL,
    "vera": ["issues:read"],
}


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def client(monkeypatch, clock):
    users = [{"username": name, "password": PASSWORD, "scopes": scopes} for name, scopes in USERS.items()]
    monkeypatch.setenv("TRACKER_USERS", json.dumps(users))
    monkeypatch.setenv("TRACKER_SECRET_KEY", "test-secret-key-for-the-tracker-suite-0123")
    get_settings.cache_clear()
    app.dependency_overrides[get_clock] = lambda: clock()
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
    get_settings.cache_clear()


def token(client, username, scopes=None):
    data = {"username": username, "password": PASSWORD}
    if scopes is not None:
        data["scope"] = " ".join(scopes)
    response = client.post("/token", data=data)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


@pytest.fixture
def auth(client):
    cache = {}

    def headers(username):
        if username not in cache:
            cache[username] = {"Authorization": f"Bearer {token(client, username)}"}
        return cache[username]

    return headers


@pytest.fixture
def project(client, auth):
    """Project TRK owned by olive, with mike as maintainer and rita and rex as reporters."""
    response = client.post("/projects", json={"key": "TRK", "name": "Tracker"}, headers=auth("olive"))
    assert response.status_code == 201, response.text
    for name, role in [("mike", "maintainer"), ("rita", "reporter"), ("rex", "reporter")]:
        response = client.put(f"/projects/TRK/members/{name}", json={"role": role}, headers=auth("olive"))
        assert response.status_code == 201, response.text
    return "TRK"


@pytest.fixture
def new_issue(client, auth, project):
    def create(username="rita", title="Crash on save", **fields):
        response = client.post(f"/projects/{project}/issues", json={"title": title, **fields}, headers=auth(username))
        assert response.status_code == 201, response.text
        return response.json()

    return create
