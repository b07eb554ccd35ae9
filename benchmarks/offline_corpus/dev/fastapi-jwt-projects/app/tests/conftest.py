import os
import tempfile
from datetime import datetime, timedelta, timezone

import pytest

_tmp = tempfile.TemporaryDirectory(prefix="projects-tests-")
os.environ["PROJECTS_DATABASE_URL"] = f"sqlite:///{_tmp.name}/projects.db"
os.environ["PROJECTS_SECRET_KEY"] = "test-secret-key-that-is-long-enough-for-hs256"

from fastapi.testclient import TestClient  # noqa: E402

from projects.clock import get_now  # noqa: E402
from projects.database import Base, engine  # noqa: E402
from projects.main import app  # noqa: E402

NOW = datetime(2031, 5, 12, 10, 0, tzinfo=timezone.utc)


def pytest_sessionfinish(session, exitstatus):
    engine.dispose()
    _tmp.cleanup()


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
def client(clock):
    app.dependency_overrides[get_now] = clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
    Base.metadata.drop_all(bind=engine)


def sign_up(client, username, password="correct-horse"):
    response = client.post("/users", json={"username": username, "password": password})
    assert response.status_code == 201, response.text
    return response.json()


def token_for(client, username, password="correct-horse"):
    response = client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def user(client):
    """Sign a user up and return a function that gives their auth headers."""

    def make(username):
        sign_up(client, username)
        return auth(token_for(client, username))

    return make


@pytest.fixture
def team(client, user):
    """A project owned by alice, with bob as a member and carol as a viewer; dave is not in it."""
    headers = {name: user(name) for name in ("alice", "bob", "carol", "dave")}
    project = client.post("/projects", json={"name": "Website"}, headers=headers["alice"]).json()
    for name, role in (("bob", "member"), ("carol", "viewer")):
        response = client.post(
            f"/projects/{project['id']}/members", json={"username": name, "role": role}, headers=headers["alice"]
        )
        assert response.status_code == 201, response.text
    return project["id"], headers
