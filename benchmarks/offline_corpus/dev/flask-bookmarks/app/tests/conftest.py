import pytest

from bookmarks import create_app
from bookmarks.db import init_db


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "bookmarks.sqlite"),
            "BOOKMARKS_PER_PAGE": 3,
            # Fast hashing for tests; production keeps the default scrypt.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        init_db()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def register(client, username, password="correct horse"):
    response = client.post("/api/users", json={"username": username, "password": password})
    assert response.status_code == 201
    return response


def token_for(client, username, password="correct horse"):
    response = client.post("/api/tokens", json={"username": username, "password": password})
    assert response.status_code == 201
    return response.get_json()["token"]


class User:
    """A registered user with a token, making authenticated requests."""

    def __init__(self, client, username):
        self.client = client
        self.username = username
        register(client, username)
        self.headers = {"Authorization": f"Token {token_for(client, username)}"}

    def get(self, path, **kwargs):
        return self.client.get(path, headers=self.headers, **kwargs)

    def post(self, path, **kwargs):
        return self.client.post(path, headers=self.headers, **kwargs)

    def patch(self, path, **kwargs):
        return self.client.patch(path, headers=self.headers, **kwargs)

    def delete(self, path, **kwargs):
        return self.client.delete(path, headers=self.headers, **kwargs)

    def add(self, url="https://example.com/", title="Example", **fields):
        response = self.post("/api/bookmarks", json={"url": url, "title": title, **fields})
        assert response.status_code == 201, response.get_json()
        return response.get_json()


@pytest.fixture
def alice(client):
    return User(client, "alice")


@pytest.fixture
def bob(client):
    return User(client, "bob")
