from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from leave import create_app
from leave.accounts import add_user

PASSWORD = "correct horse"


class FakeClock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **kwargs) -> None:
        self.moment += timedelta(**kwargs)

    def set(self, moment: datetime) -> None:
        self.moment = moment


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    monkeypatch.setattr("leave.security.PASSWORD_ITERATIONS", 1_000)


@pytest.fixture
def clock():
    # Monday 1 March 2027, 09:00 UTC
    return FakeClock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path, clock):
    return create_app(
        database_url=f"sqlite:///{tmp_path / 'leave.db'}", secret_key="test-secret-key-that-is-32-bytes-long!", clock=clock, allowance_days=10
    )


@pytest.fixture
def users(app):
    with app.state.sessionmaker() as db:
        mia = add_user(db, "mia@example.com", "Mia", PASSWORD, role="manager")
        otto = add_user(db, "otto@example.com", "Otto", PASSWORD, role="manager")
        eve = add_user(db, "eve@example.com", "Eve", PASSWORD, manager=mia)
        ben = add_user(db, "ben@example.com", "Ben", PASSWORD, manager=mia)
        pat = add_user(db, "pat@example.com", "Pat", PASSWORD, manager=otto)
        return {u.name.lower(): u.id for u in (mia, otto, eve, ben, pat)}


@pytest.fixture
def client(app, users):
    return TestClient(app)


def login(client, name):
    response = client.post("/auth/login", json={"email": f"{name}@example.com", "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()


def auth(tokens):
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.fixture
def as_user(client):
    cache = {}

    def headers(name):
        if name not in cache:
            cache[name] = auth(login(client, name))
        return cache[name]

    return headers
