import os
import tempfile
from datetime import datetime, timedelta, timezone

import pytest

# The engine is created when surveys.db is imported, so settings must be in the environment first.
os.environ.setdefault("SURVEYS_SECRET_KEY", "test-secret-key-0123456789abcdef0123")
os.environ.setdefault("SURVEYS_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/surveys-test.db")

from fastapi.testclient import TestClient  # noqa: E402

from surveys.db import Base, engine  # noqa: E402
from surveys.main import app  # noqa: E402
from surveys.security import get_clock  # noqa: E402

START = datetime(2030, 5, 1, 12, 0, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    return FakeClock(START)


@pytest.fixture
def client(clock):
    Base.metadata.drop_all(engine)
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def register(client, username, password="correct horse"):
    return client.post("/api/v1/auth/register", json={"username": username, "password": password})


def login(client, username, password="correct horse"):
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


@pytest.fixture
def user(client):
    """Registers a user and answers the Authorization headers for it."""

    def make(username):
        assert register(client, username).status_code == 201
        response = login(client, username)
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return make


@pytest.fixture
def alice(user):
    return user("alice")


@pytest.fixture
def bob(user):
    return user("bob")


@pytest.fixture
def make_survey(client, clock):
    def make(headers, title="Lunch options", closes_in=timedelta(days=7), questions=()):
        closes_at = (clock.now + closes_in).isoformat()
        response = client.post("/api/v1/surveys", json={"title": title, "closes_at": closes_at}, headers=headers)
        assert response.status_code == 201, response.text
        survey = response.json()
        survey["questions"] = []
        for question in questions:
            added = client.post(f"/api/v1/surveys/{survey['id']}/questions", json=question, headers=headers)
            assert added.status_code == 201, added.text
            survey["questions"].append(added.json())
        return survey

    return make


COLOUR = {"text": "Favourite colour?", "kind": "choice", "options": ["Red", "Green", "Blue"]}
COMMENT = {"text": "Anything else?", "kind": "text"}
