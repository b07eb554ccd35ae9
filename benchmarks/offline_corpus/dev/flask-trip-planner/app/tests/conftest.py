import os
import tempfile

import pytest

from tripplanner import create_app
from tripplanner.db import init_db


@pytest.fixture
def app():
    fd, path = tempfile.mkstemp(suffix=".sqlite")
    app = create_app({"TESTING": True, "DATABASE": path, "SECRET_KEY": "test", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        init_db()
    yield app
    os.close(fd)
    os.unlink(path)


@pytest.fixture
def client(app):
    return app.test_client()


def signup(app, username, password="pa55word"):
    client = app.test_client()
    assert client.post("/auth/register", json={"username": username, "password": password}).status_code == 201
    assert client.post("/auth/login", json={"username": username, "password": password}).status_code == 200
    return client


@pytest.fixture
def ann(app):
    return signup(app, "ann")


@pytest.fixture
def ben(app):
    return signup(app, "ben")


def make_trip(client, start="2031-07-01", end="2031-07-10", title="Coast"):
    response = client.post("/trips", json={"title": title, "start_date": start, "end_date": end})
    assert response.status_code == 201, response.get_json()
    return response.get_json()
