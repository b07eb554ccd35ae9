from datetime import datetime, timedelta, timezone

import pytest

from allotments import create_app
from allotments.db import add_plot, create_user, init_db


class TickingClock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self):
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {"TESTING": True, "DATABASE": str(tmp_path / "test.sqlite"), "CLOCK": TickingClock(),
         "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    )
    with app.app_context():
        init_db()
        create_user("Sam", "sam-pass", secretary=True)
        for name in ("zoe", "ann", "bob"):
            create_user(name, f"{name}-pass")
        add_plot("A1", "12.5")
        add_plot("B2", "30")
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def login(client, name):
    response = client.post("/login", data={"username": name, "password": f"{name.lower()}-pass"})
    assert response.status_code == 302, response.text
    return response


@pytest.fixture
def as_user(app):
    def make(name):
        client = app.test_client()
        login(client, name)
        return client

    return make
