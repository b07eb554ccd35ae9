import pytest
from fastapi.testclient import TestClient

from addressbook import create_app
from addressbook.settings import Settings

USERS = {"alice": "alice-pass", "bob": "bob-pass"}
MAX_UPLOAD = 2048


@pytest.fixture
def settings():
    return Settings(users=USERS, max_upload_bytes=MAX_UPLOAD)


@pytest.fixture
def app(settings):
    return create_app(settings)


def login(client, username):
    response = client.post("/login", json={"username": username, "password": USERS[username]})
    assert response.status_code == 200
    return client


@pytest.fixture
def anon(app):
    with TestClient(app) as client:
        yield client


@pytest.fixture
def alice(app):
    with TestClient(app) as client:
        yield login(client, "alice")


@pytest.fixture
def bob(app):
    with TestClient(app) as client:
        yield login(client, "bob")


def upload(client, text, filename="contacts.csv", content_type="text/csv"):
    data = text.encode() if isinstance(text, str) else text
    return client.post("/contacts/import", files={"file": (filename, data, content_type)})
