import os
import tempfile

import pytest
from werkzeug.security import generate_password_hash

from wiki import create_app
from wiki.db import get_db, init_db

USERS = [("alice", "alice-pass", 0), ("bob", "bob-pass", 0), ("root", "root-pass", 1)]


@pytest.fixture
def app():
    db_fd, db_path = tempfile.mkstemp()
    app = create_app({"TESTING": True, "DATABASE": db_path, "SECRET_KEY": "test"})

    with app.app_context():
        init_db()
        db = get_db()
        db.executemany(
            "INSERT INTO user (username, password, is_admin) VALUES (?, ?, ?)",
            [(name, generate_password_hash(password, method="pbkdf2:sha256:1000"), admin) for name, password, admin in USERS],
        )
        db.commit()

    yield app

    os.close(db_fd)
    os.unlink(db_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username="alice", password=None):
        password = password or f"{username}-pass"
        return self._client.post("/auth/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def make_page(client, auth):
    def make(title="Getting Started", body="Welcome to the wiki.", as_user="alice"):
        auth.login(as_user)
        response = client.post("/new", data={"title": title, "body": body})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response.headers["Location"].rsplit("/", 1)[-1]

    return make


def revision_count(app, slug):
    with app.app_context():
        return get_db().execute(
            "SELECT COUNT(*) FROM revision r JOIN page p ON r.page_id = p.id WHERE p.slug = ?", (slug,)
        ).fetchone()[0]
