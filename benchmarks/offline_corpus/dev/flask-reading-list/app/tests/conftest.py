import pytest

from readinglist import create_app
from readinglist.db import init_db


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "test.sqlite"), "MAX_READING": 2})
    with app.app_context():
        init_db()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def register(self, username="ada", password="correct-horse"):
        return self._client.post("/auth/register", data={"username": username, "password": password})

    def login(self, username="ada", password="correct-horse"):
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def ada(client, auth):
    auth.register()
    auth.login()
    return client


@pytest.fixture
def bob(app):
    other = app.test_client()
    helper = AuthActions(other)
    helper.register("bob", "bobs-password")
    helper.login("bob", "bobs-password")
    return other


def add_book(client, title="Middlemarch", total_pages=880, status="want", author="George Eliot"):
    return client.post(
        "/books/new",
        data={"title": title, "author": author, "total_pages": str(total_pages), "status": status},
    )


def book_row(app, title):
    from readinglist.db import get_db

    with app.app_context():
        return get_db().execute("SELECT * FROM book WHERE title = ?", (title,)).fetchone()
