import os
from datetime import datetime, timedelta, timezone

import pytest

from loans import create_app
from loans.db import get_db, init_db

with open(os.path.join(os.path.dirname(__file__), "data.sql"), "rb") as f:
    _data_sql = f.read().decode("utf8")

LIBRARIAN = {"X-Api-Key": "lib-key"}
ALICE = {"X-Api-Key": "alice-key"}
BOB = {"X-Api-Key": "bob-key"}


class FakeClock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, days):
        self.now += timedelta(days=days)


@pytest.fixture
def clock():
    return FakeClock(datetime(2026, 3, 2, 10, 30, tzinfo=timezone.utc))


@pytest.fixture
def app(tmp_path, clock):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "loans.sqlite"), "CLOCK": clock})
    with app.app_context():
        init_db()
        get_db().executescript(_data_sql)
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def borrow(client):
    def borrow(book_id, headers=ALICE, **extra):
        return client.post("/loans", json={"book_id": book_id, **extra}, headers=headers)

    return borrow
